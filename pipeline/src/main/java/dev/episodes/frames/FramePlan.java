package dev.episodes.frames;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One entry per step of an episode, in step order: the shot to make its frame from, or null (no screenshot). */
public record FramePlan(List<ShotRequest> steps) {

    public FramePlan {
        steps = Collections.unmodifiableList(new ArrayList<>(steps)); // null entries allowed
    }

    /** Whether any step has a screenshot. */
    public boolean any() {
        for (ShotRequest s : steps) {
            if (s != null) {
                return true;
            }
        }
        return false;
    }
}
