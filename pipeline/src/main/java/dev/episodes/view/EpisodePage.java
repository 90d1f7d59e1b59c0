package dev.episodes.view;

import dev.episodes.inspect.EpisodeRow;
import dev.episodes.inspect.EpisodeTimeline;
import dev.episodes.inspect.FrameRow;
import dev.episodes.inspect.StepRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an episode page shows: the episode, its steps in order, the frames they name (in full), and what
 * disagrees. {@code frames} are numbered by first use, so the page refers to them by number, never by an
 * id from the data. Everything a step looks up (a frame's number, whether its bytes are an image, the
 * frames missing) is computed once here, so a page renders in time linear in its steps.
 */
public final class EpisodePage {

    /**
     * Where a step is drawn: its frame, or a canvas of the screen's size when it has none. {@code unscaled}:
     * a frame without the screen's size, so the step's screen pixels cannot be scaled into the frame's.
     */
    public record Surface(Kind kind, int width, int height, double scaleX, double scaleY, FrameRow frame, int number,
            boolean image, boolean unscaled) {
        public enum Kind { FRAME, MISSING_FRAME, SCREEN, UNKNOWN_SCREEN }
    }

    /** The canvas when neither a frame nor the screen's size is known. */
    static final int FALLBACK_W = 1920;
    static final int FALLBACK_H = 1080;
    /** Steps an episode page shows unless told otherwise: 5,000 steps are about 6 MB and load in seconds. */
    public static final int DEFAULT_MAX_STEPS = 5_000;

    private final String partition;
    private final EpisodeRow episode;
    private final List<StepRow> steps;
    private final int stepsInFile;
    private final List<String> issues;
    private final Map<String, FrameRow> frames;
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Map<String, String> imageTypes = new HashMap<>();
    private final List<String> missingFrames;

    public EpisodePage(String partition, EpisodeRow episode, List<StepRow> steps, List<String> issues,
            Map<String, FrameRow> frames) {
        this(partition, episode, steps, issues, frames, Integer.MAX_VALUE);
    }

    /** The page of the first {@code maxSteps} steps; {@link #stepsInFile()} says how many there are. */
    public EpisodePage(String partition, EpisodeRow episode, List<StepRow> steps, List<String> issues,
            Map<String, FrameRow> frames, int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("an episode page shows at least 1 step, not " + maxSteps);
        }
        this.partition = partition;
        this.episode = episode;
        this.stepsInFile = steps.size();
        this.steps = List.copyOf(steps.size() > maxSteps ? steps.subList(0, maxSteps) : steps);
        this.issues = List.copyOf(issues);
        Map<String, FrameRow> used = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (StepRow s : this.steps) {
            FrameRow f = s.frameId() == null ? null : frames.get(s.frameId());
            if (f != null) {
                if (used.putIfAbsent(f.frameId(), f) == null) {
                    numbers.put(f.frameId(), numbers.size());
                    imageTypes.put(f.frameId(), ImageData.type(f.image()));
                }
            } else if (s.frameId() != null) {
                missing.add(s.frameId());
            }
        }
        this.frames = Collections.unmodifiableMap(used);
        this.missingFrames = List.copyOf(missing);
    }

    public static EpisodePage of(EpisodeTimeline t, Map<String, FrameRow> frames) {
        return of(t, frames, Integer.MAX_VALUE);
    }

    public static EpisodePage of(EpisodeTimeline t, Map<String, FrameRow> frames, int maxSteps) {
        return new EpisodePage(t.partition(), t.episode(), t.steps(), t.issues(), frames, maxSteps);
    }

    public String partition() {
        return partition;
    }

    public EpisodeRow episode() {
        return episode;
    }

    /** The steps shown: the first {@code maxSteps} of the steps file's. */
    public List<StepRow> steps() {
        return steps;
    }

    /** How many steps the steps file holds for the episode; more than {@link #steps()} when cut. */
    public int stepsInFile() {
        return stepsInFile;
    }

    public boolean cut() {
        return stepsInFile > steps.size();
    }

    public List<String> issues() {
        return issues;
    }

    /** The frames the shown steps name, by first use. */
    public Map<String, FrameRow> frames() {
        return frames;
    }

    /** Frame ids steps name that the frames table does not hold, in order of first mention. */
    public List<String> missingFrames() {
        return missingFrames;
    }

    /** The number of a frame on the page (0, 1, 2... by first use), or -1. */
    int number(String frameId) {
        Integer n = numbers.get(frameId);
        return n == null ? -1 : n;
    }

    /** The frame's image type ({@code image/png}, {@code image/jpeg}) when its bytes are one, else null. */
    String imageType(FrameRow f) {
        return imageTypes.get(f.frameId());
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
            return new Surface(Surface.Kind.FRAME, w, h, sx, sy, f, number(f.frameId()), imageType(f) != null,
                    !screen);
        }
        Surface.Kind kind = s.frameId() != null ? Surface.Kind.MISSING_FRAME
                : screen ? Surface.Kind.SCREEN : Surface.Kind.UNKNOWN_SCREEN;
        return screen ? new Surface(kind, s.screenW(), s.screenH(), 1, 1, null, -1, false, false)
                : new Surface(kind, FALLBACK_W, FALLBACK_H, 1, 1, null, -1, false, false);
    }
}
