package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.decode.AvroEventEncoder;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.KafkaStreaming;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.testing.Await;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.KafkaRestarts;
import dev.episodes.testing.StepRows;
import dev.episodes.writing.Json;
import dev.episodes.testing.TestKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job against a real KRaft broker: the same events through Kafka (JSON and Avro mixed)
 * and through file replay give the same step rows; a task failure, a cancel-and-restore and a broker
 * outage change nothing in the committed output; bad records land in the dead-letter topic.
 */
class KafkaStreamingITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static Path corpus;
    static List<String> expected;
    static List<String> expectedFrames;
    private static int topicSet;

    @BeforeAll
    static void brokerCorpusAndReference() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"), System.getProperty("java.class.path"));
        corpus = dir.resolve("activity.jsonl");
        // With screenshots and frames on: streaming must make the same frames as a replay, exactly once.
        Corpus.write(corpus, GeneratorSettings.of(4, Duration.ofMinutes(15), 77).withScreenshots(dir.resolve("screens")));
        Path reference = dir.resolve("replay");
        new ArchiveReplay(corpus, reference, config(), key()).run(Flink.env(), Progress.NONE);
        expected = StepRows.of(reference);
        expectedFrames = StepRows.frames(reference);
        assertTrue(expected.size() > 200, "steps: " + expected.size());
        assertTrue(expectedFrames.size() > 50, "frames: " + expectedFrames.size());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    static PipelineConfig config() {
        return PipelineConfig.defaults().withParallelism(2).withFrames(dev.episodes.frames.FrameSettings.on());
    }

    static PseudonymKey key() throws Exception {
        return TestKey.KEY;
    }

    /** Fresh topics per test, so runs never see each other's records. */
    static KafkaSettings topics() {
        int n = ++topicSet;
        return new KafkaSettings(kafka.bootstrap(), "t" + n + ".keys", "t" + n + ".mouse", "t" + n + ".context",
                "t" + n + ".consent", "t" + n + ".deadletter", "g" + n, "earliest", true, Duration.ofSeconds(1));
    }

    static StreamExecutionEnvironment env(Path checkpoints) {
        Configuration conf = KafkaRestarts.settings(checkpoints, null);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    @Test
    void streamingAndReplayGiveTheSameStepRows() throws Exception {
        KafkaSettings t = topics();
        var published = ActivityPublisher.publish(corpus, t, Encoding.MIXED);
        assertTrue(published.avro() > 0 && published.json() > 0, "both encodings on the topics");
        Path out = dir.resolve("stream-clean");
        RunSummary s = new KafkaStreaming(t, out, config(), key()).run(env(null), Progress.NONE);
        assertEquals(published.total(), s.recordsRead());
        assertTrue(s.accountedFor());
        assertEquals(expected, StepRows.of(out));
        assertEquals(expectedFrames, StepRows.frames(out));
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(x -> x.getFileName().toString().startsWith("dt=")).toList()) {
                assertFalse(Files.exists(p.resolve("_SUCCESS")),
                        "a streamed partition is never complete: only a bounded build makes one");
                JsonNode m = Json.MAPPER.readTree(p.resolve("_manifest.json").toFile());
                long listed = 0;
                for (JsonNode f : m.get("files")) {
                    assertTrue(Files.exists(p.resolve(f.get("path").asText())));
                    listed++;
                }
                try (Stream<Path> files = Files.walk(p)) {
                    assertEquals(listed, files.filter(x -> x.toString().endsWith(".parquet")).count(),
                            "the manifest lists every data file, nothing else is there");
                }
            }
        }
    }

    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();
    static final AtomicLong SEEN = new AtomicLong();

    @Test
    void aTaskFailureMidStreamLosesAndDuplicatesNothing() throws Exception {
        KafkaSettings t = topics();
        ActivityPublisher.publish(corpus, t, Encoding.MIXED);
        Path out = dir.resolve("stream-failure");
        FAILED_ONCE.set(false);
        SEEN.set(0);
        new KafkaStreaming(t, out, config(), key())
                .withTap(events -> events.map((MapFunction<RawEvent, RawEvent>) e -> {
                    if (SEEN.incrementAndGet() > 4_000 && FAILED_ONCE.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected failure after 4000 events");
                    }
                    return e;
                }, dev.episodes.flink.serialization.PipelineTypes.RAW_EVENT).name("fault").uid("fault"))
                .run(env(null), Progress.NONE);
        assertTrue(FAILED_ONCE.get(), "the failure happened");
        assertEquals(expected, StepRows.of(out));
        assertEquals(expectedFrames, StepRows.frames(out), "frames, like steps, exactly once");
    }

    @Test
    void cancellingAndRestoringFromTheLastCheckpointLosesAndDuplicatesNothing() throws Exception {
        // An unbounded job, as in production: cancelled part-way after some checkpoints, then restored
        // from the newest retained checkpoint. (A bounded source cannot be restored: FLINK-31006.)
        KafkaSettings t = topics().bounded(false);
        ActivityPublisher.publish(corpus, t, Encoding.JSON);
        Path out = dir.resolve("stream-restart");
        Path checkpoints = dir.resolve("checkpoints-restart");
        PipelineConfig quickIdle = config().withIdleness(Duration.ofSeconds(2));
        StreamExecutionEnvironment first = env(checkpoints);
        new KafkaStreaming(t, out, quickIdle, key())
                .withTap(events -> events.map((MapFunction<RawEvent, RawEvent>) e -> {
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // slow enough to be cancelled
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
        second.configure(configWith(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toString()));
        new KafkaStreaming(t, out, quickIdle, key())
                .withTap(events -> events.map((MapFunction<RawEvent, RawEvent>) e -> e,
                        dev.episodes.flink.serialization.PipelineTypes.RAW_EVENT).name("slow").uid("fault"))
                .build(second);
        JobClient resumed = second.executeAsync("resumed");
        try {
            // Event time only moves with events: a context event an hour later on every device lets the
            // last sessions end (context events make no steps).
            KafkaRestarts.publishLaterContextEvents(kafka.bootstrap(), t, corpus);
            Await.until("the clean run's output", Duration.ofSeconds(120),
                    () -> expected.equals(StepRows.of(out)));
        } finally {
            resumed.cancel().get();
        }
        assertEquals(expected, StepRows.of(out));
        assertEquals(expectedFrames, StepRows.frames(out), "frames survive a cancel and restore exactly once");
    }


    @Test
    void aBrokerOutageIsRiddenOut() throws Exception {
        KafkaSettings t = topics();
        ActivityPublisher.publish(corpus, t, Encoding.AVRO);
        Path out = dir.resolve("stream-outage");
        StreamExecutionEnvironment env = env(null);
        KafkaStreaming job = new KafkaStreaming(t, out, config(), key())
                .withTap(events -> events.map((MapFunction<RawEvent, RawEvent>) e -> {
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000); // slow enough to be interrupted
                    return e;
                }, dev.episodes.flink.serialization.PipelineTypes.RAW_EVENT).name("slow").uid("fault"));
        Thread outage = new Thread(() -> {
            try {
                awaitFiles(out, 1);
                kafka.stopProcess();
                Await.pause(Duration.ofSeconds(5));
                kafka.startProcess();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        outage.start();
        job.run(env, Progress.NONE);
        outage.join();
        assertEquals(expected, StepRows.of(out));
    }

    @Test
    void aRevokeOnTheConsentTopicWithholdsThePersonFromItsTimeOn() throws Exception {
        KafkaSettings t = topics();
        ActivityPublisher.publish(corpus, t, Encoding.MIXED);
        var decoder = new dev.episodes.decode.JsonEventDecoder(new dev.episodes.decode.TimeBounds(0, Long.MAX_VALUE));
        List<Long> own = new ArrayList<>();
        for (String line : Files.readAllLines(corpus)) {
            if (decoder.decode(line) instanceof dev.episodes.decode.DecodeResult.Decoded d
                    && d.event().userId().equals("u-1001")) {
                own.add(d.event().tsUs());
            }
        }
        own.sort(null);
        long revoke = own.get(own.size() / 2);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(t.consentTopic(), AvroEventEncoder.encode(
                    new dev.episodes.event.ConsentEvent("rv", "u-1001", "", revoke, 0, false)))).get();
        }
        Path out = dir.resolve("stream-consent");
        RunSummary s = new KafkaStreaming(t, out, config(), key()).run(env(null), Progress.NONE);
        assertTrue(s.withoutConsent() > 0);
        String user = key().pseudonymizer().user("u-1001");
        List<String> rows = StepRows.of(out);
        assertTrue(rows.stream().anyMatch(r -> r.contains(user)), "steps before the revoke stay");
        for (String r : rows) {
            if (r.contains(user)) {
                long ts = Long.parseLong(r.replaceAll(".*\"ts_us\": (\\d+).*", "$1"));
                assertTrue(ts < revoke, "a step of the revoked person at " + ts);
            }
        }
    }

    @Test
    void badRecordsLandInTheDeadLetterTopicAndTheJobGoesOn() throws Exception {
        KafkaSettings t = topics();
        ActivityPublisher.publish(corpus, t, Encoding.MIXED);
        byte[] avro = AvroEventEncoder.encode(dev.episodes.testing.Events.script().press(0, "a", 0).list().get(0));
        byte[] unknownFingerprint = avro.clone();
        unknownFingerprint[4] ^= 0x11;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(t.keysTopic(), new byte[] {(byte) 0xFF, 0x00, 0x13})).get();
            p.send(new ProducerRecord<>(t.keysTopic(), unknownFingerprint)).get();
            p.send(new ProducerRecord<>(t.mouseTopic(), avro)).get(); // a key event on the mouse topic
            p.send(new ProducerRecord<>(t.contextTopic(), "{\"kind\":\"context\"".getBytes(StandardCharsets.UTF_8))).get();
            // An impossible time (year 2100): its dead letter must still reach the topic (the broker refuses
            // records stamped that far ahead, so the sink must not stamp it with the event time).
            p.send(new ProducerRecord<>(t.keysTopic(), dev.episodes.decode.JsonEventEncoder.encode(
                    new dev.episodes.event.KeyEvent("far", "u-1001", "d-1", 4_102_444_800_000_000L, 1, true, "a",
                            "KeyA", 0)).getBytes(StandardCharsets.UTF_8))).get();
        }
        Path out = dir.resolve("stream-bad");
        RunSummary s = new KafkaStreaming(t, out, config(), key()).run(env(null), Progress.NONE);
        assertEquals(Map.of("malformed_json", 1L, "unknown_encoding", 1L, "unknown_schema", 1L, "wrong_topic", 1L,
                "ts_in_future", 1L), s.deadLetters());
        assertEquals(expected, StepRows.of(out), "good records still make the same output");
        List<String> reasons = new ArrayList<>();
        Properties c = new Properties();
        c.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        c.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "dlq-check");
        c.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(t.deadLetterTopic()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reasons.size() < 5 && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode n = Json.MAPPER.readTree(r.value());
                    reasons.add(n.get("reason").asText());
                    assertFalse(n.has("raw"), "no raw bytes unless asked for: " + r.value());
                    assertTrue(n.has("topic") && n.has("partition") && n.has("offset"), r.value());
                    assertFalse(r.value().toLowerCase(java.util.Locale.ROOT).contains("u-1001"),
                            "the raw user id is pseudonymised: " + r.value());
                }
            }
        }
        reasons.sort(null);
        assertEquals(List.of("malformed_json", "ts_in_future", "unknown_encoding", "unknown_schema", "wrong_topic"),
                reasons);
    }

    private static Configuration configWith(org.apache.flink.configuration.ConfigOption<String> option, String value) {
        Configuration c = new Configuration();
        c.set(option, value);
        return c;
    }


    private static void awaitFiles(Path out, int n) throws Exception {
        Await.until("a committed file", Duration.ofSeconds(90), () -> {
            if (!Files.isDirectory(out)) {
                return false;
            }
            try (Stream<Path> files = Files.walk(out)) {
                return files.filter(p -> p.toString().contains("/steps/")).count() >= n;
            }
        });
    }
}
