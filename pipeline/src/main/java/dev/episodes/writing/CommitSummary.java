package dev.episodes.writing;

import java.util.List;
import java.util.Map;

/** What a commit published, for the run summary. */
public record CommitSummary(List<String> partitions, int files, long bytes, long steps, long episodes,
        Map<String, Long> stepsByAction, Map<String, Long> redactionsByKind, long deadLetterFiles) {}
