package dev.episodes.writing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one written shard holds, for the manifest: counts only, never per-person figures. {@code file}
 * is the steps file relative to the partition; the episodes file sits beside it under episodes/, and the
 * frames file under frames/ when the shard has frames ({@code framesFile} null otherwise, no empty file).
 * {@code users} lists the pseudonyms in the shard (no counts), so erasure finds the files to rewrite;
 * {@code framesUsers} those with a frame in it. {@code framesFailed}: steps whose screenshot did not
 * become a frame, by reason.
 */
public record ShardStats(String file, String episodesFile, long rows, long episodes,
        Map<String, Long> stepsByAction, Map<String, Long> redactionsByKind, List<String> users,
        String framesFile, long frames, long framesEpisodes, List<String> framesUsers,
        Map<String, Long> framesFailed) {

    public ShardStats {
        stepsByAction = new TreeMap<>(stepsByAction);
        redactionsByKind = new TreeMap<>(redactionsByKind);
        users = users == null ? List.of() : List.copyOf(new TreeSet<>(users));
        framesUsers = framesUsers == null ? List.of() : List.copyOf(new TreeSet<>(framesUsers));
        framesFailed = new TreeMap<>(framesFailed == null ? Map.of() : framesFailed);
    }

    /** A shard without frames. */
    public ShardStats(String file, String episodesFile, long rows, long episodes, Map<String, Long> stepsByAction,
            Map<String, Long> redactionsByKind, List<String> users) {
        this(file, episodesFile, rows, episodes, stepsByAction, redactionsByKind, users, null, 0, 0, List.of(),
                Map.of());
    }
}
