package dev.episodes.flink.runs;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.build.DeadLetterFileOperator;
import dev.episodes.flink.build.PublishOperator;
import dev.episodes.flink.build.ShardBuildOperator;
import dev.episodes.flink.topology.EpisodeTopology;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreSettings;
import dev.episodes.window.BuildWindow;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.RebuildBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.SerializedThrowable;

/**
 * What every bounded build (archive replay, Kafka replay, nightly) shares: bounded execution, a
 * deterministic run id, shards staged by each writer, dead letters staged beside them, and one publisher
 * that swaps the staged partitions in once all writers have finished, inside the job, so a build
 * submitted to a cluster publishes with nobody waiting for it. A failed job publishes nothing; the next
 * run cleans its leftovers.
 */
public final class BoundedBuild {
    /** A bounded build: where it writes, its run id, and how it adds itself to an environment. */
    public interface Job {
        /** The dataset root: a URI or a local path. */
        String out();

        String runId() throws IOException;

        void build(StreamExecutionEnvironment env) throws Exception;
    }

    private BoundedBuild() {}

    /**
     * Kafka ranges run in BATCH mode: keyed input is sorted by key and time, so partitions read at any
     * pace and any disorder give the same episodes. Archives are ordered within the contract's 10 s and
     * read by one reader, so STREAMING mode (watermarks, no sort) gives the same result 2x faster (bench).
     */
    static void prepare(StreamExecutionEnvironment env, RuntimeExecutionMode mode) {
        env.setRuntimeMode(mode);
    }

    static String runId(String input, BuildWindow window, PipelineConfig config, PseudonymKey key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(input.getBytes(StandardCharsets.UTF_8));
            sha.update(window.describe().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(config.describe().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(key.pseudonymizer().keyId().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds the writers and the publisher. Here, before the job reads any input, the run removes what a
     * crashed earlier attempt of it left (its own files only) and reads what every partition holds: the
     * base its rebuilds replace ({@link RebuildBase}).
     */
    static void attach(EpisodeTopology.Outputs outputs, String out, StoreSettings settings, Duration grace,
            String runId, PipelineConfig config, Map<String, Object> input, String keyId, BuildWindow window)
            throws IOException {
        Store store = Store.of(out, settings);
        dev.episodes.writing.DatasetScopes.requireSame(store, config.describe()); // before any input is read
        if (store.localRoot().isPresent()) {
            Files.createDirectories(store.localRoot().get());
            DatasetCommitter.cleanStaging(store.localRoot().get()); // partitions an old-protocol crash left aside
        }
        // A window of known days writes only their partitions: no need to list (and read) the whole root.
        List<String> partitions = window.coveredPartitions().isEmpty() ? RebuildBase.partitions(store)
                : window.coveredPartitions();
        new DatasetCommitter(store, runId, grace).removeOrphans(partitions);
        RebuildBase base = RebuildBase.read(store, partitions);
        DataStream<String> shards = outputs.episodes()
                .transform("shard-build", Types.STRING, new ShardBuildOperator(out, settings, runId, config.layout(), base))
                .uid("shard-build").setParallelism(config.effectiveParallelism());
        DataStream<String> rejected = outputs.deadLetters()
                .transform("dead-letter-files", Types.STRING, new DeadLetterFileOperator(out, settings, runId))
                .uid("dead-letter-files").setParallelism(1);
        shards.union(rejected)
                .transform("publish", Types.LONG, new PublishOperator(out, settings, runId,
                        dev.episodes.writing.DatasetScopes.withScopes(input, config.describe()), keyId,
                        config.describe(), window.coveredPartitions(), base, grace))
                .uid("publish").setParallelism(1).setMaxParallelism(1)
                .sinkTo(new DiscardingSink<>()).name("published").setParallelism(1);
    }

    /**
     * The input's own error (an {@link ArchiveInputError}: a damaged file, a raw id in a file name) in a
     * failed job's causes, as the one-line usage error it is; null when the job failed for another reason.
     */
    static IllegalArgumentException inputError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ArchiveInputError || (t instanceof SerializedThrowable s
                    && ArchiveInputError.class.getName().equals(s.getOriginalErrorClassName()))) {
                return new IllegalArgumentException(t.getMessage());
            }
        }
        return null;
    }

    /** Builds, runs to the end and summarizes what this run published. */
    public static RunSummary execute(Job job, StreamExecutionEnvironment env, String name, Progress progress) throws Exception {
        return execute(job, env, name, progress, Duration.ZERO);
    }

    /**
     * As {@link #execute(Job, StreamExecutionEnvironment, String, Progress)}, with a watchdog: no progress
     * for {@code stallTimeout} (zero: never) cancels the job and throws {@link JobStalledException}.
     */
    public static RunSummary execute(Job job, StreamExecutionEnvironment env, String name, Progress progress,
            Duration stallTimeout) throws Exception {
        long started = System.nanoTime();
        job.build(env);
        String runId = job.runId();
        JobClient client = env.executeAsync(name + " " + runId);
        Map<String, Object> acc;
        try {
            acc = JobProgress.await(client, progress, started, stallTimeout).getAllAccumulatorResults();
        } catch (Exception e) {
            IllegalArgumentException input = inputError(e);
            throw input != null ? input : e;
        }
        return RunSummary.of(runId, acc, DatasetCommitter.summarizeRun(Store.of(job.out()), runId, 0),
                Duration.ofNanos(System.nanoTime() - started));
    }
}
