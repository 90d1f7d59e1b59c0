package dev.episodes.inspect;

import java.util.List;

/**
 * One episode and its steps in order, with where it was found. {@code issues} name disagreements
 * between its episodes row and its steps (counts, missing indexes) that a loader would meet too.
 */
public record EpisodeTimeline(String partition, EpisodeRow episode, List<StepRow> steps, List<String> issues) {

    public EpisodeTimeline {
        steps = List.copyOf(steps);
        issues = List.copyOf(issues);
    }
}
