package dev.episodes.flink.runs;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.operators.Counters;
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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
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
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        while (!result.isDone()) {
            try {
                result.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                progress.update(recordsRead(client), Duration.ofNanos(System.nanoTime() - started));
            }
        }
        JobExecutionResult done = result.get();
        Map<String, Object> acc = done.getAllAccumulatorResults();
        progress.update(counter(acc, Counters.RECORDS_READ), Duration.ofNanos(System.nanoTime() - started));

        Map<String, Object> inputDescription = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(f.getFileName().toString());
        }
        inputDescription.put("kind", "archive");
        inputDescription.put("files", names);
        CommitSummary commit = new DatasetCommitter(out, runId)
                .commit(inputDescription, key.pseudonymizer().keyId(), config.describe());
        return new RunSummary(runId, counter(acc, Counters.RECORDS_READ), counter(acc, Counters.EVENTS_ORDERED),
                counter(acc, Counters.CONSENT_EVENTS), counter(acc, Counters.DUPLICATES),
                byPrefix(acc, Counters.DEAD_LETTER_PREFIX), byPrefix(acc, Counters.DROPPED_STEPS_PREFIX), commit,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static long recordsRead(JobClient client) {
        try {
            return counter(client.getAccumulators().get(2, TimeUnit.SECONDS), Counters.RECORDS_READ);
        } catch (Exception e) {
            return -1; // progress is best effort; the final summary is exact
        }
    }

    private static Map<String, Long> byPrefix(Map<String, Object> acc, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        acc.forEach((name, value) -> {
            if (name.startsWith(prefix) && value instanceof Long n && n > 0) {
                out.put(name.substring(prefix.length()), n);
            }
        });
        return out;
    }

    private static long counter(Map<String, Object> acc, String name) {
        Object v = acc.get(name);
        return v instanceof Long n ? n : 0L;
    }
}
