package dev.episodes.generate;

import java.util.Set;

/**
 * What a generated corpus holds, for tests: how many lines of each sort, and the raw identifiers and
 * secrets planted in it that must never reach a dataset.
 */
public record CorpusFacts(long lines, long events, long duplicates, long malformed,
        Set<String> userIds, Set<String> deviceIds, Set<String> plantedPasswords) {}
