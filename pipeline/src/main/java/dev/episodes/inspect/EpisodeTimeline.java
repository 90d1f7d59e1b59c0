package dev.episodes.inspect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One episode and its steps in order, with where it was found. {@code issues} name disagreements
 * between its episodes row and its steps (counts, missing indexes) that a loader would meet too.
 * {@code frames}: the episode's frames in the partition's frames files, by frame id (empty without frames).
 */
public record EpisodeTimeline(String partition, EpisodeRow episode, List<StepRow> steps, List<String> issues,
        Map<String, FrameSummary> frames) {

    public EpisodeTimeline {
        steps = List.copyOf(steps);
        issues = List.copyOf(issues);
        frames = new TreeMap<>(frames);
    }

    public EpisodeTimeline(String partition, EpisodeRow episode, List<StepRow> steps, List<String> issues) {
        this(partition, episode, steps, issues, Map.of());
    }
}
