package dev.episodes.writing;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The streaming job's two phases of exactly-once output. {@link #stage} writes a shard whole under its
 * final, unique name straight into its partition (written locally, then uploaded), named by no manifest
 * yet; {@link #publish}, once the checkpoint completed, appends it through {@link PartitionLog}. The
 * append is idempotent: a shard whose files the current manifest already names, or has retired (a
 * compaction merged them meanwhile), is not added again, so a commit retried after a restore neither
 * loses nor duplicates a file. No lock, no rename, no staging folder. Streamed partitions are never
 * {@code _SUCCESS} (complete): an append removes it first; only a bounded build makes one complete.
 */
public final class ShardPublisher {
    private final Store store;
    private final Map<String, Object> input;
    private final String keyId;
    private final ShardWriter writer;
    private final Map<String, Object> scope;
    private final Duration grace;

    /** @param input what feeds the dataset (for manifests), {@code keyId} the pseudonym key's public id */
    public ShardPublisher(Path root, Map<String, Object> input, String keyId, OutputLayout layout) {
        this(root, input, keyId, layout, null);
    }

    public ShardPublisher(Path root, Map<String, Object> input, String keyId, OutputLayout layout,
            Map<String, Object> scope) {
        this(Store.local(root), input, keyId, layout, scope, DatasetLayout.RETIRED_GRACE);
    }

    /** @param scope the scope policy's description every manifest records (null: none) */
    public ShardPublisher(Store store, Map<String, Object> input, String keyId, OutputLayout layout,
            Map<String, Object> scope, Duration grace) {
        this.scope = scope == null ? null : new java.util.LinkedHashMap<>(scope);
        this.store = store;
        this.input = Map.copyOf(input);
        this.keyId = keyId;
        this.writer = new ShardWriter(layout);
        this.grace = grace;
    }

    public Store store() {
        return store;
    }

    /**
     * Writes episodes of one date as the shard {@code fileName} (unique per attempt) in its partition.
     * {@code attempt} names the local temp folder only.
     */
    public StagedShard stage(String attempt, String fileName, LocalDate date, List<Episode> episodes)
            throws IOException {
        String partition = DatasetLayout.partition(date);
        Path temp = Files.createTempDirectory("episodes-stream-" + attempt + "-");
        try {
            Path local = temp.resolve(partition);
            Path audit = temp.resolve(DatasetLayout.AUDIT);
            ShardStats stats = writer.write(local, audit, fileName, episodes);
            return ShardFiles.upload(store, partition, local, audit, stats);
        } finally {
            DatasetCommitter.deleteRecursively(temp);
        }
    }

    /** Appends a staged shard to its partition's manifest. Safe to repeat. */
    public PartitionLog.Outcome publish(StagedShard shard) throws IOException {
        return new PartitionLog(store, shard.partition(), grace).commit(append(shard));
    }

    /** The Append change: the shard's files added to the current version, unless it names or retired them. */
    PartitionLog.Change append(StagedShard shard) {
        String partition = shard.partition();
        return cur -> {
            Set<String> known = new HashSet<>(cur.files());
            if (cur.manifest() != null) {
                cur.manifest().retired().forEach(r -> known.add(r.path().substring(partition.length() + 1)));
            }
            if (shard.files().stream().allMatch(f -> known.contains(f.path()))) {
                return Optional.empty(); // already committed (a retry after a restore), or merged since
            }
            // A shard is uploaded before its committable exists, under a name nobody else writes: if a file
            // is gone now, it was committed and later replaced and deleted (compacted, erased, expired) after
            // its retired entry was dropped. Adding it again would name a missing file and count its rows twice.
            for (Manifest.FileEntry f : shard.files()) {
                if (!known.contains(f.path()) && !store.exists(partition + "/" + f.path())) {
                    return Optional.empty();
                }
            }
            // A partition the streaming job adds to is no longer what a bounded build made: it stops being
            // complete before its manifest changes, so no reader sees _SUCCESS beside the new content.
            store.delete(partition + "/" + DatasetLayout.SUCCESS);
            Manifest old = cur.manifest();
            List<Manifest.FileEntry> files = new ArrayList<>(old == null ? List.of() : old.files());
            files.addAll(shard.files());
            Map<String, Long> byAction = new TreeMap<>(old == null ? Map.of() : old.stepsByAction());
            Map<String, Long> byKind = new TreeMap<>(old == null ? Map.of() : old.redactionsByKind());
            shard.stepsByAction().forEach((k, v) -> byAction.merge(k, v, Long::sum));
            shard.redactionsByKind().forEach((k, v) -> byKind.merge(k, v, Long::sum));
            List<String> audit = new ArrayList<>(old == null ? List.of() : old.audit());
            if (shard.audit() != null && !audit.contains(shard.audit())) {
                audit.add(shard.audit());
            }
            return Optional.of(Manifest.of(partition, "stream", input, keyId, files, byAction, byKind, null, scope,
                    audit));
        };
    }

    /**
     * Deletes what attempts of the streaming job that died wrote and never committed: {@code part-s*}
     * files (and their audit files) no current manifest names or retired, older than {@code orphanGrace}
     * (a younger one may belong to a checkpoint still completing). Returns the keys deleted.
     */
    public List<String> removeOrphans(Duration orphanGrace, long nowMs) throws IOException {
        return Orphans.remove(store, RebuildBase.partitions(store), "part-s", orphanGrace, nowMs, grace);
    }
}
