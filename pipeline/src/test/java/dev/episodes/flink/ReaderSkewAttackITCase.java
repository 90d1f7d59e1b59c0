package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.event.RawEvent;
import dev.episodes.testing.Await;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.KafkaStreaming;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.KafkaRestarts;
import dev.episodes.testing.StepRows;
import dev.episodes.testing.TestKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team: clock skew aimed at readers. The users on partition 0 (Kafka's key hash) are six hours behind
 * those on partition 1, and the topic names are chosen so that the Kafka enumerator gives every partition 0
 * to one reader and every partition 1 to the other: one reader is all behind, the other all ahead, so a
 * bounded run's whole-reader alignment pauses the ahead reader until the behind one has finished.
 * Otherwise as DriftAttackITCase. Red team: clock skew. Half the people's devices are six hours behind the others, so (topics keyed by
 * user, two partitions each) partitions run hours apart in event time. A bounded run with the default
 * --max-drift must give the replay's output and dead letters, as an unaligned run does, and not stall.
 */
class ReaderSkewAttackITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static Path corpus;
    static List<String> expected;
    static Map<String, Long> expectedDeadLetters;
    private static int topicSet;
    static final com.fasterxml.jackson.databind.ObjectMapper PLAIN = new com.fasterxml.jackson.databind.ObjectMapper();

    @BeforeAll
    static void brokerAndSkewedBacklog() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"), System.getProperty("java.class.path"));
        Path plain = dir.resolve("plain.jsonl");
        Corpus.write(plain, GeneratorSettings.of(4, Duration.ofMinutes(40), 43));
        TreeSet<String> users = new TreeSet<>();
        List<ObjectNode> events = new ArrayList<>();
        List<String> lines = Files.readAllLines(plain);
        for (String line : lines) {
            try {
                ObjectNode o = (ObjectNode) PLAIN.readTree(line);
                events.add(o);
                if (o.hasNonNull("user_id")) {
                    users.add(o.get("user_id").asText());
                }
            } catch (Exception malformed) {
                throw new IllegalStateException("the corpus has no malformed lines: " + line, malformed);
            }
        }
        KafkaSettings names = settings("r0", 0);
        pattern = pattern(names);
        assertTrue(users.stream().map(ReaderSkewAttackITCase::partitionOf).distinct().count() == 2,
                "users on both partitions: " + users);
        List<ObjectNode> shifted = new ArrayList<>();
        for (ObjectNode o : events) {
            if (readerOf(names, o) == 0) {
                o.put("ts_us", o.get("ts_us").asLong() - Duration.ofHours(6).toNanos() / 1000);
            }
            shifted.add(o);
        }
        // In time order, so that the file replay (one watermark) is a fair reference; Kafka splits it by user.
        shifted.sort(java.util.Comparator.comparingLong(o -> o.get("ts_us").asLong()));
        List<String> out = new ArrayList<>();
        for (ObjectNode o : shifted) {
            out.add(PLAIN.writeValueAsString(o));
        }
        corpus = dir.resolve("skewed.jsonl");
        Files.write(corpus, out, StandardCharsets.UTF_8);
        Path reference = dir.resolve("replay");
        RunSummary r = new ArchiveReplay(corpus, reference, config(Duration.ZERO), TestKey.KEY).run(Flink.env(), Progress.NONE);
        expected = StepRows.of(reference);
        expectedDeadLetters = r.deadLetters();
        assertTrue(expected.size() > 500, "steps: " + expected.size());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    static PipelineConfig config(Duration drift) {
        return PipelineConfig.defaults().withParallelism(2).withMaxDrift(drift);
    }

    static int partitionOf(String user) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(user.getBytes(StandardCharsets.UTF_8))) % 2;
    }

    static List<Integer> pattern;

    static KafkaSettings settings(String x, int n) {
        return new KafkaSettings(kafka.bootstrap(), x + ".keys", x + ".mouse", x + ".context", x + ".consent",
                x + ".deadletter", "g" + x, "earliest", true, Duration.ofSeconds(2));
    }

    /** KafkaSourceEnumerator.getSplitOwner at parallelism 2: the reader of partition 0 of each topic. */
    static int start(String topic) {
        return ((topic.hashCode() * 31) & 0x7FFFFFFF) % 2;
    }

    static List<Integer> pattern(KafkaSettings t) {
        return t.activityTopics().stream().map(ReaderSkewAttackITCase::start).toList();
    }

    /** The reader an event lands on: 0 is made all behind, 1 all ahead. */
    static int readerOf(KafkaSettings t, ObjectNode o) {
        String wire = o.get("kind").asText();
        for (RawEvent.Kind k : RawEvent.Kind.values()) {
            if (k.wire().equals(wire)) {
                return (start(t.topicOf(k)) + partitionOf(o.get("user_id").asText())) % 2;
            }
        }
        throw new IllegalStateException("kind " + wire);
    }

    /** Topics whose readers are those the corpus was skewed for. */
    static KafkaSettings topics() {
        while (true) {
            int n = ++topicSet;
            KafkaSettings t = settings("r" + n, n);
            if (pattern(t).equals(pattern)) {
                return t;
            }
        }
    }

    static RunSummary stream(Duration drift, Path out) throws Exception {
        KafkaSettings t = topics();
        long published = ActivityPublisher.publish(corpus, t, Encoding.JSON).total();
        RunSummary s = new KafkaStreaming(t, out, config(drift), TestKey.KEY).run(Flink.env(), Progress.NONE);
        assertEquals(published, s.recordsRead());
        assertTrue(s.accountedFor());
        return s;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void skewedPartitionsBoundedAlignedMatchReplayAndDoNotStall() throws Exception {
        RunSummary s = stream(PipelineConfig.DEFAULT_MAX_DRIFT, dir.resolve("aligned"));
        assertEquals(expectedDeadLetters, s.deadLetters(), "dead letters, aligned");
        assertEquals(expected, StepRows.of(dir.resolve("aligned")));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void skewedPartitionsBoundedUnalignedMatchReplay() throws Exception {
        RunSummary s = stream(Duration.ZERO, dir.resolve("unaligned"));
        assertEquals(expectedDeadLetters, s.deadLetters(), "dead letters, unaligned");
        assertEquals(expected, StepRows.of(dir.resolve("unaligned")));
    }

    /**
     * Unbounded (split-by-split alignment), the skewed backlog, cancelled after some checkpoints and
     * restored: the output must be the replay's. {@code firstDrift} is the cancelled run's drift, so a
     * checkpoint taken without alignment is also restored into an aligned job.
     */
    void cancelAndRestore(Duration firstDrift, String name) throws Exception {
        KafkaSettings t = topics().bounded(false);
        ActivityPublisher.publish(corpus, t, Encoding.JSON);
        Path out = dir.resolve(name);
        Path checkpoints = dir.resolve(name + "-checkpoints");
        StreamExecutionEnvironment first = env(checkpoints);
        new KafkaStreaming(t, out, config(firstDrift).withIdleness(Duration.ofSeconds(2)), TestKey.KEY)
                .withTap(events -> events.map((MapFunction<RawEvent, RawEvent>) e -> {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    return e;
                }, dev.episodes.flink.serialization.PipelineTypes.RAW_EVENT).name("slow").uid("fault"))
                .build(first);
        JobClient job = first.executeAsync("first");
        try {
            Await.until("checkpoint 3", Duration.ofSeconds(90), () -> {
                Path newest = KafkaRestarts.newestCheckpoint(checkpoints);
                return newest != null && Integer.parseInt(newest.getFileName().toString().substring(4)) >= 3;
            });
        } finally {
            job.cancel().get();
        }
        Path restoreFrom = KafkaRestarts.newestCheckpoint(checkpoints);
        StreamExecutionEnvironment second = env(null);
        Configuration c = new Configuration();
        c.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toString());
        second.configure(c);
        new KafkaStreaming(t, out, config(PipelineConfig.DEFAULT_MAX_DRIFT).withIdleness(Duration.ofSeconds(2)),
                TestKey.KEY)
                .withTap(events -> events.map((MapFunction<RawEvent, RawEvent>) e -> e,
                        dev.episodes.flink.serialization.PipelineTypes.RAW_EVENT).name("slow").uid("fault"))
                .build(second);
        JobClient resumed = second.executeAsync("resumed");
        try {
            KafkaRestarts.publishLaterContextEvents(kafka.bootstrap(), t, corpus);
            Await.until("the replay's output", Duration.ofSeconds(120), () -> expected.equals(StepRows.of(out)));
        } finally {
            resumed.cancel().get();
        }
        assertEquals(expected, StepRows.of(out));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void skewedUnboundedAlignedCancelAndRestoreMatchesReplay() throws Exception {
        cancelAndRestore(PipelineConfig.DEFAULT_MAX_DRIFT, "restart-aligned");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void skewedUnalignedCheckpointRestoredIntoAlignedJobMatchesReplay() throws Exception {
        cancelAndRestore(Duration.ZERO, "restart-unaligned-to-aligned");
    }

    static StreamExecutionEnvironment env(Path checkpoints) {
        return StreamExecutionEnvironment.getExecutionEnvironment(KafkaRestarts.settings(checkpoints, null));
    }


}
