package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.runs.KafkaReplay;
import dev.episodes.flink.runs.KafkaStreaming;
import dev.episodes.flink.runs.NightlyBuild;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.StepRows;
import dev.episodes.window.BuildWindow;
import dev.episodes.writing.Json;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays of the topics on a real broker: a day replayed from Kafka holds exactly the rows the streaming
 * job wrote for that day (episodes crossing midnight included); the nightly build from Kafka is
 * byte-identical when rerun, and picks up late data when rebuilt.
 */
class KafkaReplayITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static final LocalDate DAY = LocalDate.parse("2026-11-28");

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static KafkaSettings topics;
    static PseudonymKey key;

    @BeforeAll
    static void brokerWithTwoDaysOfActivity() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"), System.getProperty("java.class.path"));
        key = TestKey.KEY;
        topics = new KafkaSettings(kafka.bootstrap(), "r.keys", "r.mouse", "r.context", "r.consent", "r.deadletter",
                "replay-test", "earliest", true, Duration.ofSeconds(1));
        Path corpus = dir.resolve("activity.jsonl");
        Corpus.write(corpus, new GeneratorSettings(4, Duration.ofMinutes(70), 5, Instant.parse("2026-11-27T23:25:00Z"),
                0.02, 0.0, Duration.ofSeconds(3)));
        ActivityPublisher.publish(corpus, topics, Encoding.MIXED);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    static PipelineConfig config() {
        return PipelineConfig.defaults().withParallelism(2);
    }

    static BuildWindow day(LocalDate d) {
        return BuildWindow.day(d, Duration.ofHours(12), Duration.ofMinutes(31));
    }

    @Test
    void aDayReplayedFromKafkaEqualsWhatTheStreamingJobWroteForIt() throws Exception {
        Path streamed = dir.resolve("streamed");
        RunSummary s = new KafkaStreaming(topics, streamed, config(), key).run(Flink.env(), Progress.NONE);
        assertTrue(s.accountedFor());
        Path replayed = dir.resolve("replayed");
        RunSummary r = new KafkaReplay(topics, replayed, config(), key, day(DAY), Duration.ofHours(1))
                .run(Flink.env(), Progress.NONE);
        assertTrue(r.accountedFor(), r.toString());
        assertTrue(r.episodesOutsideWindow() > 0, "the day before was read (lookback) but not kept");
        List<String> expected = StepRows.ofPartition(streamed.resolve("dt=" + DAY));
        assertTrue(expected.size() > 200, "steps on the day: " + expected.size());
        assertEquals(expected, StepRows.ofPartition(replayed.resolve("dt=" + DAY)));
        assertTrue(Files.exists(replayed.resolve("dt=" + DAY + "/_SUCCESS")));
        assertTrue(!Files.exists(replayed.resolve("dt=2026-11-27")), "only the replayed day is written");
    }

    @Test
    void theNightlyBuildFromKafkaIsRepeatableAndPicksUpLateData() throws Exception {
        Path root = dir.resolve("nightly");
        NightlyBuild nightly = new NightlyBuild(root,
                d -> new KafkaReplay(topics, root, config(), key, day(d), Duration.ofHours(1)), Flink::env);
        nightly.run(DAY, DAY, false, Progress.NONE, m -> {});
        Map<String, String> first = NightlyBuildITCase.snapshot(root);
        nightly.run(DAY, DAY, false, Progress.NONE, m -> {});
        assertEquals(first, NightlyBuildITCase.snapshot(root), "same input and configuration, same bytes");
        long before = episodes(root);

        // Someone's laptop was offline: their morning arrives after the build.
        KafkaSettings late = topics;
        Path lateCorpus = dir.resolve("late.jsonl");
        Corpus.write(lateCorpus, new GeneratorSettings(1, Duration.ofMinutes(20), 123,
                Instant.parse("2026-11-28T09:00:00Z"), 0.0, 0.0, Duration.ofSeconds(1)));
        ActivityPublisher.publish(lateCorpus, late, Encoding.JSON);
        nightly.run(DAY, DAY, false, Progress.NONE, m -> {});
        assertTrue(episodes(root) > before, "the rebuild holds the late episodes");
    }

    static long episodes(Path root) throws Exception {
        JsonNode m = Json.MAPPER.readTree(root.resolve("dt=" + DAY + "/_manifest.json").toFile());
        return m.get("totals").get("episodes").asLong();
    }
}
