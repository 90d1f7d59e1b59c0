package dev.episodes.generate;

import java.util.Map;
import java.util.Set;

/**
 * What a generated corpus holds, for tests: how many lines of each sort, and the raw identifiers and
 * secrets planted in it that must never reach a dataset.
 */
public record CorpusFacts(long lines, long events, long duplicates, long malformed,
        Set<String> userIds, Set<String> deviceIds, Map<String, Set<String>> plantedSecrets, Set<String> lookAlikes) {

    public Set<String> plantedPasswords() {
        return plantedSecrets.getOrDefault("PASSWORD", Set.of());
    }

    public long plantedCount() {
        return plantedSecrets.values().stream().mapToLong(Set::size).sum();
    }
}
