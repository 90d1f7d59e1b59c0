package dev.episodes.flink.runs;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.sink.DeadLetterSink;
import dev.episodes.flink.sink.EpisodeShardSink;
import dev.episodes.flink.source.ArchiveSource;
import dev.episodes.flink.topology.EpisodeTopology;
import dev.episodes.writing.CommitSummary;
import dev.episodes.writing.DatasetCommitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Replays archived exports into a dataset: runs the topology over the files as a bounded job, then
 * publishes what it staged. A failed job publishes nothing; the next run cleans its leftovers.
 */
public final class ArchiveReplay {
    private final List<Path> files;
    private final Path out;
    private final PipelineConfig config;
    private final PseudonymKey key;

    public ArchiveReplay(Path input, Path out, PipelineConfig config, PseudonymKey key) throws IOException {
        this.files = ArchiveSource.files(input);
        this.out = out.toAbsolutePath();
        this.config = config;
        this.key = key;
    }

    /** Deterministic: the same input files and configuration give the same run id and file names. */
    public String runId() throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                sha.update((f.getFileName() + ":" + Files.size(f) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            sha.update(config.describe().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(key.pseudonymizer().keyId().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public RunSummary run(StreamExecutionEnvironment env, Progress progress) throws Exception {
        long started = System.nanoTime();
        String runId = runId();
        Files.createDirectories(out);
        DatasetCommitter.cleanStaging(out);
        EpisodeTopology.Outputs outputs = EpisodeTopology.fromJsonLines(
                ArchiveSource.lines(env, files), config, key.pseudonymizer());
        outputs.episodes().sinkTo(new EpisodeShardSink(out.toString(), runId, config.maxBufferedSteps()))
                .name("episode-shards").uid("episode-shards").setParallelism(config.effectiveParallelism());
        outputs.deadLetters().sinkTo(new DeadLetterSink(out.toString(), runId))
                .name("dead-letters").uid("dead-letters").setParallelism(1);

        JobClient client = env.executeAsync("episodes-replay " + runId);
        Map<String, Object> acc = JobProgress.await(client, progress, started).getAllAccumulatorResults();

        Map<String, Object> inputDescription = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(f.getFileName().toString());
        }
        inputDescription.put("kind", "archive");
        inputDescription.put("files", names);
        CommitSummary commit = new DatasetCommitter(out, runId)
                .commit(inputDescription, key.pseudonymizer().keyId(), config.describe());
        return RunSummary.of(runId, acc, commit, Duration.ofNanos(System.nanoTime() - started));
    }
}
