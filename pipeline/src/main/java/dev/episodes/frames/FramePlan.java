package dev.episodes.frames;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One entry per step of an episode, in step order: the shot to make its frame from, or null (no screenshot). */
public record FramePlan(List<ShotRequest> steps) {

    public FramePlan {
        steps = Collections.unmodifiableList(new ArrayList<>(steps)); // null entries allowed
    }

    /**
     * This plan with every step that uses a screenshot getting every mask any step of the episode planned on
     * it: one image, one set of masks (a reused URI, a click and a typing step in one context). A whole-screen
     * mask among them is all that is left.
     */
    public FramePlan unitedPerScreenshot() {
        java.util.Map<String, java.util.LinkedHashSet<MaskRect>> byUri = new java.util.HashMap<>();
        for (ShotRequest s : steps) {
            if (s != null) {
                byUri.computeIfAbsent(s.uri(), k -> new java.util.LinkedHashSet<>()).addAll(s.masks());
            }
        }
        List<ShotRequest> out = new ArrayList<>(steps.size());
        boolean changed = false;
        for (ShotRequest s : steps) {
            if (s == null || byUri.get(s.uri()).size() == s.masks().size()) {
                out.add(s);
                continue;
            }
            List<MaskRect> all = List.copyOf(byUri.get(s.uri()));
            MaskRect whole = all.stream().filter(MaskRect::isWhole).findFirst().orElse(null);
            out.add(new ShotRequest(s.uri(), s.screenW(), s.screenH(), s.app(), whole != null ? List.of(whole) : all));
            changed = true;
        }
        return changed ? new FramePlan(out) : this;
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
