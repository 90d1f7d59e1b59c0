package dev.episodes.writing;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One writer's share of a bounded build: episodes sorted per partition date (externally, within the
 * memory budget), then rolled into shards of the target size under the run's staging folder, each with
 * its stats file for the manifest. File numbers interleave writers ({@code n = seq * writers + index}),
 * so names never collide and a rerun with the same input and parallelism makes the same names.
 */
public final class StagedPartitions implements Closeable {
    private final Path staging;
    private final String runId;
    private final int index;
    private final int writers;
    private final OutputLayout layout;
    private final Map<LocalDate, SortedRuns> byDate = new TreeMap<>();
    private long seq;

    public StagedPartitions(Path root, String runId, int index, int writers, OutputLayout layout) {
        this.staging = DatasetLayout.staging(root, runId);
        this.runId = runId;
        this.index = index;
        this.writers = writers;
        this.layout = layout;
    }

    public void add(Episode e) throws IOException {
        LocalDate date = DatasetLayout.dateOf(e.startTsUs());
        SortedRuns runs = byDate.get(date);
        if (runs == null) {
            Path spill = staging.resolve(DatasetLayout.SPILL).resolve(String.valueOf(index)).resolve(date.toString());
            runs = new SortedRuns(spill, layout.maxBufferedSteps());
            byDate.put(date, runs);
        }
        runs.add(e);
    }

    /** Writes every partition's shards and their stats; returns what was written. */
    public List<ShardStats> finish() throws IOException {
        ShardWriter writer = new ShardWriter(layout);
        List<ShardStats> all = new ArrayList<>();
        for (Map.Entry<LocalDate, SortedRuns> e : byDate.entrySet()) {
            Path partition = staging.resolve(DatasetLayout.partition(e.getKey()));
            Path audit = staging.resolve(DatasetLayout.AUDIT).resolve(DatasetLayout.partition(e.getKey()));
            List<ShardStats> shards = writer.writeRolling(partition, audit,
                    () -> DatasetLayout.fileName(runId, seq++ * writers + index), e.getValue().sorted());
            Path statsDir = partition.resolve(DatasetLayout.STATS);
            Files.createDirectories(statsDir);
            for (ShardStats s : shards) {
                String name = s.file().substring(s.file().lastIndexOf('/') + 1);
                Json.writeAtomically(statsDir.resolve(name + ".json"), s);
            }
            all.addAll(shards);
        }
        close();
        return all;
    }

    @Override
    public void close() throws IOException {
        for (SortedRuns r : byDate.values()) {
            r.close();
        }
        byDate.clear();
        DatasetCommitter.deleteRecursively(staging.resolve(DatasetLayout.SPILL).resolve(String.valueOf(index)));
    }
}
