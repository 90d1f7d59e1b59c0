package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.KafkaStreaming;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.StepRows;
import dev.episodes.testing.TestKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * A backlog read from Kafka: the sparse context topic covers hours of event time in the fetch where the
 * dense mouse topic covers minutes, so without watermark alignment every event of the sparse topics waits
 * in keyed state for the slowest partition. With {@code --max-drift} a reader that far ahead is paused
 * (these runs are bounded: whole readers, see {@code ReaderAlignment}; an unbounded run pauses partitions, as
 * in {@code KafkaStreamingITCase}'s cancel and restore). Alignment works per fetch (what a paused partition had fetched is still emitted), so at four people a
 * fetch of the context topic is most of the backlog and the lead over the watermark is not what this test
 * checks (the bench measures what alignment saves: events read back from state). It checks that the
 * output is the same with and without it, and as a file replay's, and that nothing stalls: the consent
 * topic is empty, as it is on most days, and a partition that never reports a watermark must not hold
 * the aligned ones paused (idleness is set far beyond the test's timeout).
 */
class AlignedPartitionsITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static Path corpus;
    static List<String> expected;
    private static int topicSet;

    @BeforeAll
    static void brokerAndBacklog() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"), System.getProperty("java.class.path"));
        corpus = dir.resolve("activity.jsonl");
        // Four people over two hours: about 100,000 events, most of them pointer moves.
        Corpus.write(corpus, GeneratorSettings.of(4, Duration.ofHours(2), 41));
        Path reference = dir.resolve("replay");
        new ArchiveReplay(corpus, reference, config(Duration.ZERO), TestKey.KEY).run(Flink.env(), Progress.NONE);
        expected = StepRows.of(reference);
        assertTrue(expected.size() > 1_000, "steps: " + expected.size());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    static PipelineConfig config(Duration drift) {
        return PipelineConfig.defaults().withParallelism(2).withIdleness(Duration.ofMinutes(10)).withMaxDrift(drift);
    }

    static KafkaSettings topics() {
        int n = ++topicSet;
        return new KafkaSettings(kafka.bootstrap(), "a" + n + ".keys", "a" + n + ".mouse", "a" + n + ".context",
                "a" + n + ".consent", "a" + n + ".deadletter", "ga" + n, "earliest", true, Duration.ofSeconds(2));
    }

    /** Streams the backlog with {@code drift}: every record read and accounted for. */
    static void stream(Duration drift, Path out) throws Exception {
        KafkaSettings t = topics();
        long published = ActivityPublisher.publish(corpus, t, Encoding.JSON).total();
        RunSummary s = new KafkaStreaming(t, out, config(drift), TestKey.KEY).run(Flink.env(), Progress.NONE);
        assertEquals(published, s.recordsRead());
        assertTrue(s.accountedFor());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void alignedPartitionsChangeNoOutputAndAnEmptyTopicStallsNothing() throws Exception {
        stream(Duration.ofMinutes(1), dir.resolve("aligned"));
        assertEquals(expected, StepRows.of(dir.resolve("aligned")));
        stream(Duration.ZERO, dir.resolve("unaligned"));
        assertEquals(expected, StepRows.of(dir.resolve("unaligned")));
    }
}
