package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.episodes.testing.TestKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded run's checkpoint carries its mark in the Kafka source's own state, where the client finds it
 * ({@link RestorePoint#boundedRun()}) and where an unbounded job restored from it anyway (a cluster's
 * {@code flink run -s}) fails naming the cause instead of stopping at the bounded run's offsets.
 */
class BoundedStateMarkITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static Path corpus;
    private static int topicSet;

    @BeforeAll
    static void broker() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"), System.getProperty("java.class.path"));
        corpus = dir.resolve("activity.jsonl");
        Corpus.write(corpus, GeneratorSettings.of(3, Duration.ofMinutes(20), 47));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    static KafkaSettings topics(boolean bounded) throws Exception {
        int n = ++topicSet;
        KafkaSettings t = KafkaRestarts.topics(kafka.bootstrap(), "m" + n, bounded);
        ActivityPublisher.publish(corpus, t, Encoding.JSON);
        return t;
    }

    /** A run slowed to a crawl, cancelled after its second checkpoint: that checkpoint. */
    static RestorePoint cancelledCheckpoint(KafkaSettings t, String name) throws Exception {
        Path checkpoints = dir.resolve(name + "-checkpoints");
        StreamExecutionEnvironment env = env(checkpoints, null);
        new KafkaStreaming(t, dir.resolve(name), config(), TestKey.KEY).withTap(slow()).build(env);
        JobClient job = env.executeAsync(name);
        try {
            Await.until("checkpoint 2", Duration.ofSeconds(90), () -> {
                Path newest = KafkaRestarts.newestCheckpoint(checkpoints);
                return newest != null && Integer.parseInt(newest.getFileName().toString().substring(4)) >= 2;
            });
        } finally {
            job.cancel().get();
        }
        Path chk = KafkaRestarts.newestCheckpoint(checkpoints);
        assertNotNull(chk);
        return RestorePoint.of(chk);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aBoundedRunsCheckpointIsMarkedAndAnUnboundedJobRefusesIt() throws Exception {
        RestorePoint bounded = cancelledCheckpoint(topics(true), "bounded");
        assertTrue(bounded.boundedRun(), "the bounded run's checkpoint carries the mark");

        KafkaSettings live = topics(false);
        StreamExecutionEnvironment env = env(null, bounded.dir());
        new KafkaStreaming(live, dir.resolve("live"), config(), TestKey.KEY).withTap(slow()).build(env);
        JobClient job = env.executeAsync("live");
        try {
            Exception failed = assertThrows(Exception.class, () -> job.getJobExecutionResult().get(90, TimeUnit.SECONDS));
            assertTrue(chain(failed).contains("written by a bounded --until-latest run"), chain(failed));
            assertTrue(dev.episodes.testing.StepRows.of(dir.resolve("live")).isEmpty(), "nothing read");
        } finally {
            job.cancel().exceptionally(e -> null).get();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void anUnboundedRunsCheckpointIsNotMarkedAndRestoresIntoABoundedRun() throws Exception {
        KafkaSettings t = topics(false);
        RestorePoint unbounded = cancelledCheckpoint(t, "unbounded");
        assertFalse(unbounded.boundedRun());

        StreamExecutionEnvironment env = env(null, unbounded.dir());
        new KafkaStreaming(t.bounded(true), dir.resolve("unbounded"), config(), TestKey.KEY)
                .withTap(events -> events.map((MapFunction<RawEvent, RawEvent>) e -> e, PipelineTypes.RAW_EVENT)
                        .name("slow").uid("fault"))
                .build(env);
        JobClient job = env.executeAsync("to the end");
        assertNotNull(job.getJobExecutionResult().get(120, TimeUnit.SECONDS), "the bounded run finishes");
    }

    static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }

    static java.util.function.UnaryOperator<org.apache.flink.streaming.api.datastream.DataStream<RawEvent>> slow() {
        return events -> events.map((MapFunction<RawEvent, RawEvent>) e -> {
            LockSupport.parkNanos(2_000_000);
            return e;
        }, PipelineTypes.RAW_EVENT).name("slow").uid("fault");
    }

    static PipelineConfig config() {
        return PipelineConfig.defaults().withParallelism(2).withIdleness(Duration.ofSeconds(2));
    }

    static StreamExecutionEnvironment env(Path checkpoints, Path restore) {
        Configuration conf = KafkaRestarts.settings(checkpoints, restore);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }
}
