package dev.episodes.generate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a generated corpus holds, for tests: how many lines of each sort, the raw identifiers and
 * secrets planted in it that must never reach a dataset, and, when screenshots were painted, each
 * screenshot's truth (where secrets are on it) in the order painted, with the time painting took.
 */
public record CorpusFacts(long lines, long events, long duplicates, long malformed,
        Set<String> userIds, Set<String> deviceIds, Map<String, Set<String>> plantedSecrets, Set<String> lookAlikes,
        List<ScreenTruth> screens, ScreenStats screenStats) {

    /** Painted screenshots: how many, the nanoseconds spent painting and PNG encoding, the bytes written. */
    public record ScreenStats(long frames, long paintNanos, long encodeNanos, long bytes) {
        public static final ScreenStats NONE = new ScreenStats(0, 0, 0, 0);
    }

    public Set<String> plantedPasswords() {
        return plantedSecrets.getOrDefault("PASSWORD", Set.of());
    }

    public long plantedCount() {
        return plantedSecrets.values().stream().mapToLong(Set::size).sum();
    }
}
