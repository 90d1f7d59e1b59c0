package dev.episodes.writing;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One writer's share of a bounded build: episodes sorted per partition date (externally, within the
 * memory budget, spilling to a LOCAL temp folder), then rolled into shards of the target size written
 * locally and uploaded whole to their final names in the partition, named by no manifest until the
 * publisher commits. File numbers interleave writers ({@code n = seq * writers + index}), so names
 * never collide and a rerun with the same input and parallelism makes the same names. A name that is
 * already taken (a rerun) is reused when the partition already holds those very bytes, else the shard
 * gets a random suffix ({@code part-<run>-<n>-<8 hex>.parquet}): nothing is ever overwritten.
 */
public final class StagedPartitions implements Closeable {
    private final Store store;
    private final RebuildBase base;
    private final String runId;
    private final int index;
    private final int writers;
    private final OutputLayout layout;
    private final Path temp;
    private final Map<LocalDate, SortedRuns> byDate = new TreeMap<>();
    private final Map<LocalDate, ShardWriter.Staged> stagedByDate = new HashMap<>();
    private long seq;

    public StagedPartitions(Store store, RebuildBase base, String runId, int index, int writers, OutputLayout layout)
            throws IOException {
        this.store = store;
        this.base = base;
        this.runId = runId;
        this.index = index;
        this.writers = writers;
        this.layout = layout;
        this.temp = Files.createTempDirectory("episodes-build-");
    }

    public void add(Episode e) throws IOException {
        LocalDate date = DatasetLayout.dateOf(e.startTsUs());
        SortedRuns runs = byDate.get(date);
        if (runs == null) {
            Path spill = temp.resolve(DatasetLayout.SPILL).resolve(date.toString());
            runs = new SortedRuns(spill, layout.maxBufferedSteps());
            byDate.put(date, runs);
        }
        runs.add(e);
        stagedByDate.put(date, stagedByDate.getOrDefault(date, ShardWriter.Staged.NONE).plus(e));
    }

    /** Writes every partition's shards, uploads them, and returns them for the commit. */
    public List<StagedShard> finish() throws IOException {
        ShardWriter writer = new ShardWriter(layout);
        List<StagedShard> all = new ArrayList<>();
        for (Map.Entry<LocalDate, SortedRuns> e : byDate.entrySet()) {
            String partition = DatasetLayout.partition(e.getKey());
            Path local = temp.resolve(partition);
            Path audit = temp.resolve(DatasetLayout.AUDIT).resolve(partition);
            List<ShardStats> shards = writer.writeRolling(local, audit,
                    () -> DatasetLayout.fileName(runId, seq++ * writers + index), e.getValue().sorted(),
                    stagedByDate.getOrDefault(e.getKey(), ShardWriter.Staged.UNKNOWN));
            for (ShardStats s : shards) {
                all.add(place(partition, local, audit, s));
            }
        }
        close();
        return all;
    }

    private StagedShard place(String partition, Path local, Path audit, ShardStats s) throws IOException {
        StagedShard shard = ShardFiles.describe(partition, local, audit, s);
        Map<String, String> had = base.files(partition);
        boolean same = shard.files().stream().allMatch(f -> f.sha256().equals(had.get(f.path())));
        if (same && shard.keys().stream().allMatch(this::exists)) {
            for (Manifest.FileEntry f : shard.files()) {
                Files.delete(local.resolve(f.path()));
            }
            return shard; // a rerun: the partition holds these bytes under these names already
        }
        if (shard.keys().stream().anyMatch(this::exists)) {
            s = ShardFiles.rename(local, audit, s, ShardFiles.suffixed(ShardFiles.nameOf(s.file())));
        }
        return ShardFiles.upload(store, partition, local, audit, s);
    }

    private boolean exists(String key) {
        try {
            return store.exists(key);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (SortedRuns r : byDate.values()) {
            r.close();
        }
        byDate.clear();
        DatasetCommitter.deleteRecursively(temp);
    }
}
