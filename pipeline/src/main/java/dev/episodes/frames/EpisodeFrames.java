package dev.episodes.frames;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The frames of one episode: for each step (in order) its frame id or null, the distinct frames (each
 * once), and how many of its steps' screenshots failed, by {@link FrameFailure.Reason} wire name.
 */
public record EpisodeFrames(List<String> stepFrameIds, List<StoredFrame> frames, Map<String, Long> failures) {

    public EpisodeFrames {
        stepFrameIds = Collections.unmodifiableList(new ArrayList<>(stepFrameIds)); // null entries allowed
        frames = List.copyOf(frames);
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    }

    /** Frame id of step {@code index}, or null. */
    public String frameIdOf(int index) {
        return stepFrameIds.get(index);
    }
}
