package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.KafkaStreaming;
import dev.episodes.flink.runs.RestorePoint;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.testing.Await;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.KafkaRestarts;
import dev.episodes.testing.StepRows;
import dev.episodes.testing.TestKey;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team of the bounded-run mark (feat/redteam-guard). The mark lives in the Kafka source coordinator's
 * state; Flink drops that state for an operator whose every subtask has FINISHED
 * ({@code FullyFinishedOperatorState} has no coordinator state). A bounded run whose source has read to
 * the end while a later stage is still working, killed then, leaves a retained checkpoint with no mark.
 */
class BoundedMarkAttackITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static Path corpus;
    static Path later;
    static long events;
    private static int topicSet;

    /** Records the slow stage has seen, across its subtasks (MiniCluster: one JVM). */
    static final AtomicLong SEEN = new AtomicLong();

    @BeforeAll
    static void broker() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"), System.getProperty("java.class.path"));
        corpus = dir.resolve("activity.jsonl");
        Corpus.write(corpus, GeneratorSettings.of(3, Duration.ofMinutes(20), 47));
        later = dir.resolve("later.jsonl");
        Corpus.write(later, GeneratorSettings.of(2, Duration.ofMinutes(10), 48));
        // What reaches the slow stage: decoded activity events (not consent, which is routed aside; not the
        // corpus's malformed lines, which are dead letters). Counting lines put the slow tail past the end.
        var decoder = new dev.episodes.decode.JsonEventDecoder(new dev.episodes.decode.TimeBounds(0, Long.MAX_VALUE));
        long activity = 0;
        for (String line : Files.readAllLines(corpus)) {
            if (decoder.decode(line) instanceof dev.episodes.decode.DecodeResult.Decoded d
                    && !(d.event() instanceof dev.episodes.event.ConsentEvent)) {
                activity++;
            }
        }
        events = activity;
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    static KafkaSettings topics(boolean bounded) throws Exception {
        int n = ++topicSet;
        KafkaSettings t = KafkaRestarts.topics(kafka.bootstrap(), "a" + n, bounded);
        ActivityPublisher.publish(corpus, t, Encoding.JSON);
        return t;
    }

    /**
     * A stage in its own task (rebalance: not chained to the source), fast until the last few hundred
     * events, then slow: the source reads to its end and finishes while this stage still works, and
     * returns between records, so checkpoints go on (unaligned: the barrier overtakes the backlog).
     */
    static java.util.function.UnaryOperator<DataStream<RawEvent>> slowTail(long fastFor) {
        return events -> events.rebalance().map((MapFunction<RawEvent, RawEvent>) e -> {
            if (SEEN.incrementAndGet() > fastFor) {
                LockSupport.parkNanos(25_000_000);
            }
            return e;
        }, PipelineTypes.RAW_EVENT).name("slow").uid("fault").setParallelism(1);
    }

    /** A bounded run cancelled once a checkpoint holds its source fully finished: that checkpoint, or null. */
    static Path finishedSourceCheckpoint(KafkaSettings t, Path checkpoints) throws Exception {
        SEEN.set(0);
        StreamExecutionEnvironment env = env(checkpoints, null, true);
        new KafkaStreaming(t, dir.resolve(checkpoints.getFileName() + "-out"), config(), TestKey.KEY)
                .withTap(slowTail(Math.max(0, events - 500))).build(env);
        JobClient job = env.executeAsync("bounded, killed late");
        boolean[] ended = new boolean[1];
        try {
            Await.until("a checkpoint with the source finished, or the end", Duration.ofSeconds(150), () -> {
                Path newest = KafkaRestarts.newestCheckpoint(checkpoints);
                if (newest != null && sourceFullyFinished(newest)) {
                    return true;
                }
                ended[0] = job.getJobStatus().get().isGloballyTerminalState();
                return ended[0];
            });
        } finally {
            job.cancel().exceptionally(e -> null).get(); // checkpoints retained, as after kill -9
        }
        if (ended[0]) {
            return null;
        }
        // The cancel is acknowledged before the job ends: a checkpoint completing meanwhile subsumes (and
        // deletes) the one found. Pick the newest once nothing can change.
        Await.until("the cancelled job ended", Duration.ofSeconds(60),
                () -> job.getJobStatus().get().isGloballyTerminalState());
        // A checkpoint completing while the cancel lands can subsume the one found and be discarded itself
        // (seen once on a loaded 2-core machine: none left). Like a run that ended first, that is an attempt
        // whose timing missed, retried on fresh topics; the caller still demands one within its attempts.
        Path chk = KafkaRestarts.newestCheckpoint(checkpoints);
        return chk != null && sourceFullyFinished(chk) ? chk : null;
    }

    static boolean sourceFullyFinished(Path chk) {
        try (InputStream in = Files.newInputStream(chk.resolve("_metadata"))) {
            for (OperatorState op : Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
                    BoundedMarkAttackITCase.class.getClassLoader(), chk.toString()).getOperatorStates()) {
                if (op.isFullyFinished()) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false; // being written
        }
    }

    /**
     * kill -9 (here: cancel, checkpoints retained) of a bounded run after its source finished but before
     * the job ended. An unbounded job given that checkpoint must be refused, by the command (boundedRun)
     * and by the job; instead nothing is marked, and the unbounded job ends by itself having read none of
     * the records published after the bounded run.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aBoundedRunKilledAfterItsSourceFinishedLeavesAnUnmarkedCheckpoint() throws Exception {
        KafkaSettings t = null;
        Path chk = null;
        // Timing: the source must finish, and a checkpoint complete, while the slow tail still works. When
        // the run ends first, again on fresh topics.
        for (int attempt = 1; attempt <= 4 && chk == null; attempt++) {
            t = topics(true);
            chk = finishedSourceCheckpoint(t, dir.resolve("finished-source-checkpoints-" + attempt));
        }
        assertNotNull(chk, "no checkpoint with the source finished in 4 attempts");
        Path restored = chk;
        KafkaSettings topics = t;
        boolean marked = RestorePoint.of(restored).boundedRun();

        // The same topics, later records: an unbounded stream restored from that checkpoint.
        ActivityPublisher.publish(later, t, Encoding.JSON);
        Path live = dir.resolve("finished-source-live");
        StreamExecutionEnvironment unbounded = env(null, restored, false);
        new KafkaStreaming(topics.bounded(false), live, config(), TestKey.KEY)
                .withTap(events -> events.rebalance().map((MapFunction<RawEvent, RawEvent>) e -> e,
                        PipelineTypes.RAW_EVENT).name("slow").uid("fault").setParallelism(1))
                .build(unbounded);
        JobClient liveJob = unbounded.executeAsync("unbounded from the bounded run's late checkpoint");
        String outcome;
        try {
            liveJob.getJobExecutionResult().get(60, TimeUnit.SECONDS);
            outcome = "the unbounded job FINISHED by itself, with " + StepRows.of(live).size()
                    + " step rows of the later records";
        } catch (ExecutionException e) {
            outcome = BoundedStateMarkITCase.chain(e);
        } catch (TimeoutException e) {
            outcome = "still running after 60 s";
        } finally {
            liveJob.cancel().exceptionally(e -> null).get();
        }
        String result = outcome;
        assertAll(
                () -> assertTrue(marked, restored + " (source fully finished) is not recognised as a bounded run's: "
                        + "stream without --until-latest restores it"),
                () -> assertTrue(result.contains("written by a bounded --until-latest run"),
                        "the unbounded job is not refused: " + result));
    }

    /**
     * The refusal when the unbounded job itself restores a bounded run's state (flink run -s) under
     * Flink's default restart strategy for a checkpointed job (no restart-strategy set, as on a cluster):
     * the job should fail with the reason, not restart into the same refusal for ever.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theJobsRefusalIsNotRetriedForEverUnderTheDefaultRestartStrategy() throws Exception {
        KafkaSettings t = topics(true);
        SEEN.set(0);
        Path checkpoints = dir.resolve("loop-checkpoints");
        StreamExecutionEnvironment env = env(checkpoints, null, false);
        new KafkaStreaming(t, dir.resolve("loop"), config(), TestKey.KEY).withTap(BoundedStateMarkITCase.slow()).build(env);
        JobClient job = env.executeAsync("bounded, cancelled");
        try {
            Await.until("checkpoint 2", Duration.ofSeconds(90), () -> {
                Path newest = KafkaRestarts.newestCheckpoint(checkpoints);
                return newest != null && Integer.parseInt(newest.getFileName().toString().substring(4)) >= 2;
            });
        } finally {
            job.cancel().get();
        }
        Path chk = KafkaRestarts.newestCheckpoint(checkpoints);
        assertTrue(RestorePoint.of(chk).boundedRun());

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, chk.toString()); // no restart strategy: Flink's default
        StreamExecutionEnvironment unbounded = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        new KafkaStreaming(t.bounded(false), dir.resolve("loop-live"), config(), TestKey.KEY)
                .withTap(events -> events.map((MapFunction<RawEvent, RawEvent>) e -> e, PipelineTypes.RAW_EVENT)
                        .name("slow").uid("fault"))
                .build(unbounded);
        JobClient liveJob = unbounded.executeAsync("unbounded from a bounded checkpoint, default restarts");
        try {
            liveJob.getJobExecutionResult().get(60, TimeUnit.SECONDS);
            fail("finished?");
        } catch (ExecutionException e) {
            assertTrue(BoundedStateMarkITCase.chain(e).contains("written by a bounded --until-latest run"),
                    BoundedStateMarkITCase.chain(e));
        } catch (TimeoutException e) {
            fail("after 60 s the job is " + liveJob.getJobStatus().get() + ", restarting into the same refusal "
                    + "(the refusal is a recoverable failure for the restart strategy)");
        } finally {
            liveJob.cancel().exceptionally(e -> null).get();
        }
    }

    static PipelineConfig config() {
        return PipelineConfig.defaults().withParallelism(2).withIdleness(Duration.ofSeconds(2));
    }

    static StreamExecutionEnvironment env(Path checkpoints, Path restore, boolean unaligned) {
        Configuration conf = KafkaRestarts.settings(checkpoints, restore);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        if (unaligned) {
            // -D settings the command passes to Flink. Aligned, the same unmarked checkpoint is written too (the
            // last one, while the sinks' final commits run), but the job ends soon after it.
            conf.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
            conf.set(CheckpointingOptions.FORCE_UNALIGNED, true); // the keyed stage's custom partitioner
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }
}
