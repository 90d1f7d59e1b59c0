package dev.episodes.bench;

import dev.episodes.device.OfflineTimelines;
import dev.episodes.device.Privacy;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.ShardWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Writing episodes as one Parquet shard (zstd), per shard; divide by the printed step count for per-row cost. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParquetBenchmark {
    private List<Episode> episodes;
    private Path dir;

    @Setup(Level.Trial)
    public void episodes() throws IOException {
        Privacy privacy = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT));
        episodes = new ArrayList<>(OfflineTimelines.episodes(
                BenchData.INSTANCE.orderedByDevice.stream().flatMap(List::stream).toList(), privacy, SessionRules.DEFAULT));
        List<Episode> once = List.copyOf(episodes);
        for (int i = 1; i < 20; i++) { // a shard of realistic size: per-file overhead should not dominate
            episodes.addAll(once);
        }
        dir = Files.createTempDirectory("parquet-bench");
        System.out.printf("%n[parquet] %d episodes, %d steps per shard%n", episodes.size(),
                episodes.stream().mapToInt(e -> e.steps().size()).sum());
    }

    @Benchmark
    public Object writeShard() throws IOException {
        return new ShardWriter(dev.episodes.config.OutputLayout.DEFAULT).write(dir.resolve("p"), dir.resolve("audit"), "bench.parquet", episodes);
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        DatasetCommitter.deleteRecursively(dir);
    }
}
