package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.KafkaStreaming;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.flink.serialization.PipelineTypes;
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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
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

    /** How far (event time, ms) the latest event seen ran ahead of the watermark where it arrived. */
    static final AtomicLong LEAD_MS = new AtomicLong();

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

    /** Streams the backlog with {@code drift}; returns the greatest lead of an event over its watermark. */
    static long stream(Duration drift, Path out) throws Exception {
        KafkaSettings t = topics();
        long published = ActivityPublisher.publish(corpus, t, Encoding.JSON).total();
        LEAD_MS.set(0);
        RunSummary s = new KafkaStreaming(t, out, config(drift), TestKey.KEY)
                .withTap(events -> events.process(new Lead(), PipelineTypes.RAW_EVENT).name("lead").uid("lead"))
                .run(Flink.env(), Progress.NONE);
        assertEquals(published, s.recordsRead());
        assertTrue(s.accountedFor());
        return LEAD_MS.get();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void alignedPartitionsChangeNoOutputAndAnEmptyTopicStallsNothing() throws Exception {
        long aligned = stream(Duration.ofMinutes(1), dir.resolve("aligned"));
        assertEquals(expected, StepRows.of(dir.resolve("aligned")));
        long unaligned = stream(Duration.ZERO, dir.resolve("unaligned"));
        assertEquals(expected, StepRows.of(dir.resolve("unaligned")));
        assertTrue(aligned > 0 && unaligned > 0, "events ran ahead of the watermark: " + aligned + ", " + unaligned);
    }

    /** Records the lead of each event over the current watermark (after the keyed shuffle's input). */
    static final class Lead extends ProcessFunction<RawEvent, RawEvent> {
        @Override
        public void processElement(RawEvent e, Context ctx, Collector<RawEvent> out) {
            long watermark = ctx.timerService().currentWatermark();
            if (watermark != Long.MIN_VALUE) {
                LEAD_MS.accumulateAndGet(Math.floorDiv(e.tsUs(), 1000L) - watermark, Math::max);
            }
            out.collect(e);
        }
    }
}
