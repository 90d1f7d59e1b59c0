package dev.episodes.flink.sink;

import dev.episodes.session.Episode;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import dev.episodes.writing.ShardStats;
import dev.episodes.writing.ShardWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Buffers closed episodes per partition date and writes a shard when the buffer holds
 * {@code maxBufferedSteps} steps, or at end of input. File numbers interleave subtasks
 * ({@code n = seq * parallelism + subtask}), so names never collide.
 */
final class EpisodeShardWriter implements SinkWriter<Episode> {
    private final Path staging;
    private final String runId;
    private final int subtask;
    private final int parallelism;
    private final long maxBufferedSteps;
    private final Map<LocalDate, List<Episode>> buffers = new TreeMap<>();
    private long bufferedSteps;
    private long seq;

    EpisodeShardWriter(Path root, String runId, int subtask, int parallelism, long maxBufferedSteps) {
        this.staging = DatasetLayout.staging(root, runId);
        this.runId = runId;
        this.subtask = subtask;
        this.parallelism = parallelism;
        this.maxBufferedSteps = maxBufferedSteps;
    }

    @Override
    public void write(Episode episode, Context context) throws IOException {
        buffers.computeIfAbsent(DatasetLayout.dateOf(episode.startTsUs()), d -> new ArrayList<>()).add(episode);
        bufferedSteps += episode.steps().size();
        if (bufferedSteps >= maxBufferedSteps) {
            LocalDate largest = null;
            int most = -1;
            for (Map.Entry<LocalDate, List<Episode>> e : buffers.entrySet()) {
                int n = e.getValue().stream().mapToInt(x -> x.steps().size()).sum();
                if (n > most) {
                    most = n;
                    largest = e.getKey();
                }
            }
            writeShard(largest, buffers.remove(largest));
            bufferedSteps -= most;
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        if (!endOfInput) {
            return; // bounded runs publish at the end; nothing is visible before the commit anyway
        }
        for (Map.Entry<LocalDate, List<Episode>> e : buffers.entrySet()) {
            writeShard(e.getKey(), e.getValue());
        }
        buffers.clear();
        bufferedSteps = 0;
    }

    private void writeShard(LocalDate date, List<Episode> episodes) throws IOException {
        String name = DatasetLayout.fileName(runId, seq++ * parallelism + subtask);
        Path partition = staging.resolve(DatasetLayout.partition(date));
        Path audit = staging.resolve(DatasetLayout.AUDIT).resolve(DatasetLayout.partition(date));
        ShardStats stats = ShardWriter.write(partition, audit, name, episodes);
        Path statsDir = partition.resolve(DatasetLayout.STATS);
        Files.createDirectories(statsDir);
        Json.writeAtomically(statsDir.resolve(name + ".json"), stats);
    }

    @Override
    public void close() {
        buffers.clear();
    }
}
