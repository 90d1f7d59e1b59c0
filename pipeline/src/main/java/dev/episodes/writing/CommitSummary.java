package dev.episodes.writing;

import java.util.List;
import java.util.Map;

/**
 * What a commit published, for the run summary; {@code frames}: frames rows, {@code framesFailed}: steps
 * whose screenshot did not become a frame, by reason (1.1).
 */
public record CommitSummary(List<String> partitions, int files, long bytes, long steps, long episodes,
        Map<String, Long> stepsByAction, Map<String, Long> redactionsByKind, long deadLetterFiles, long frames,
        Map<String, Long> framesFailed) {

    public CommitSummary {
        framesFailed = framesFailed == null ? Map.of() : Map.copyOf(framesFailed);
    }

    public CommitSummary(List<String> partitions, int files, long bytes, long steps, long episodes,
            Map<String, Long> stepsByAction, Map<String, Long> redactionsByKind, long deadLetterFiles) {
        this(partitions, files, bytes, steps, episodes, stepsByAction, redactionsByKind, deadLetterFiles, 0, Map.of());
    }
}
