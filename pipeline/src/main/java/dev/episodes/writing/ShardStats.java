package dev.episodes.writing;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one written shard holds, for the manifest: counts only, never per-person figures. {@code file}
 * is the steps file relative to the partition; the episodes file sits beside it under episodes/.
 * {@code users} lists the pseudonyms in the shard (no counts), so erasure finds the files to rewrite.
 */
public record ShardStats(String file, String episodesFile, long rows, long episodes,
        Map<String, Long> stepsByAction, Map<String, Long> redactionsByKind, java.util.List<String> users) {

    public ShardStats {
        stepsByAction = new TreeMap<>(stepsByAction);
        redactionsByKind = new TreeMap<>(redactionsByKind);
        users = users == null ? java.util.List.of() : java.util.List.copyOf(new java.util.TreeSet<>(users));
    }
}
