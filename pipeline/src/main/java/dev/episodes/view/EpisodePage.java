package dev.episodes.view;

import dev.episodes.inspect.EpisodeRow;
import dev.episodes.inspect.EpisodeTimeline;
import dev.episodes.inspect.FrameRow;
import dev.episodes.inspect.StepRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an episode page shows: the episode, its steps in order, the frames they name (in full), and what
 * disagrees. {@code frames} are numbered by first use, so the page refers to them by number, never by an
 * id from the data.
 */
public record EpisodePage(String partition, EpisodeRow episode, List<StepRow> steps, List<String> issues,
        Map<String, FrameRow> frames) {

    /** Where a step is drawn: its frame, or a canvas of the screen's size when it has none. */
    public record Surface(Kind kind, int width, int height, double scaleX, double scaleY, FrameRow frame, int number) {
        public enum Kind { FRAME, MISSING_FRAME, SCREEN, UNKNOWN_SCREEN }
    }

    /** The canvas when neither a frame nor the screen's size is known. */
    static final int FALLBACK_W = 1920;
    static final int FALLBACK_H = 1080;

    public EpisodePage {
        steps = List.copyOf(steps);
        issues = List.copyOf(issues);
        Map<String, FrameRow> used = new LinkedHashMap<>();
        for (StepRow s : steps) {
            FrameRow f = s.frameId() == null ? null : frames.get(s.frameId());
            if (f != null) {
                used.putIfAbsent(f.frameId(), f);
            }
        }
        frames = java.util.Collections.unmodifiableMap(used);
    }

    public static EpisodePage of(EpisodeTimeline t, Map<String, FrameRow> frames) {
        return new EpisodePage(t.partition(), t.episode(), t.steps(), t.issues(), frames);
    }

    /** Frame ids steps name that the frames table does not hold, in order of first mention. */
    public List<String> missingFrames() {
        List<String> out = new ArrayList<>();
        for (StepRow s : steps) {
            if (s.frameId() != null && !frames.containsKey(s.frameId()) && !out.contains(s.frameId())) {
                out.add(s.frameId());
            }
        }
        return out;
    }

    /** The number of a frame on the page (0, 1, 2... by first use), or -1. */
    int number(String frameId) {
        int i = 0;
        for (String id : frames.keySet()) {
            if (id.equals(frameId)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    Surface surface(StepRow s) {
        boolean screen = s.screenW() != null && s.screenH() != null && s.screenW() > 0 && s.screenH() > 0;
        FrameRow f = s.frameId() == null ? null : frames.get(s.frameId());
        if (f != null) {
            int w = Math.max(1, f.width());
            int h = Math.max(1, f.height());
            // steps are in screen pixels, frames (and their masks) in the stored image's
            double sx = screen ? (double) w / s.screenW() : 1;
            double sy = screen ? (double) h / s.screenH() : 1;
            return new Surface(Surface.Kind.FRAME, w, h, sx, sy, f, number(f.frameId()));
        }
        Surface.Kind kind = s.frameId() != null ? Surface.Kind.MISSING_FRAME
                : screen ? Surface.Kind.SCREEN : Surface.Kind.UNKNOWN_SCREEN;
        return screen ? new Surface(kind, s.screenW(), s.screenH(), 1, 1, null, -1)
                : new Surface(kind, FALLBACK_W, FALLBACK_H, 1, 1, null, -1);
    }
}
