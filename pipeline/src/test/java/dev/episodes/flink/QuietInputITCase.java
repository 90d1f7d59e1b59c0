package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.KafkaStreaming;
import dev.episodes.flink.runs.Progress;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.testing.Await;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.StepRows;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a streaming job whose input goes quiet still writes its episodes. Everything is published,
 * the unbounded job reads it and then receives nothing: event time stops with the input, and without
 * quiet closing the dataset stayed empty forever. With it, the job (still running) holds exactly the
 * rows of a file replay of the same input; an event published afterwards starts a new episode.
 */
class QuietInputITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    static Path dir;
    static LocalKafka kafka;

    @BeforeAll
    static void broker() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"), System.getProperty("java.class.path"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    static PipelineConfig config() {
        return PipelineConfig.defaults().withParallelism(2).withQuietClose(Duration.ofSeconds(2));
    }

    @Test
    void quietInputClosesTheOpenEpisodesWhileTheJobRuns() throws Exception {
        Path corpus = dir.resolve("activity.jsonl");
        Corpus.write(corpus, GeneratorSettings.of(3, Duration.ofMinutes(10), 12));
        PseudonymKey key = TestKey.KEY;
        Path reference = dir.resolve("replay");
        new ArchiveReplay(corpus, reference, config(), key).run(Flink.env(), Progress.NONE);
        List<String> expected = StepRows.of(reference);
        assertTrue(expected.size() > 50, "steps: " + expected.size());

        KafkaSettings topics = new KafkaSettings(kafka.bootstrap(), "q.keys", "q.mouse", "q.context", "q.consent",
                "q.deadletter", "q", "earliest", false, Duration.ofSeconds(1)); // unbounded, as in production
        ActivityPublisher.publish(corpus, topics, Encoding.JSON);
        Path out = dir.resolve("stream");
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        new KafkaStreaming(topics, out, config(), key).build(env);
        JobClient job = env.executeAsync("quiet-input");
        try {
            Await.until("the replay's rows with the input quiet", Duration.ofSeconds(60),
                    () -> expected.equals(StepRows.of(out)));
            assertEquals(JobStatus.RUNNING, job.getJobStatus().get(), "written without stopping the job");

            // More input after the quiet close: a click an hour after the device's last event.
            RawEvent last = lastEvent(corpus);
            Path more = dir.resolve("more.jsonl");
            List<String> lines = new ArrayList<>();
            long ts = last.tsUs() + 3_600_000_000L;
            for (MouseEvent.Action a : List.of(MouseEvent.Action.DOWN, MouseEvent.Action.UP)) {
                lines.add(JsonEventEncoder.encode(new MouseEvent("more-" + a, last.userId(), last.deviceId(),
                        ts += 80_000, last.seq() + 1, a, 5, 5, MouseEvent.Button.LEFT, 0, 0)));
            }
            Files.write(more, lines);
            ActivityPublisher.publish(more, topics, Encoding.JSON);
            List<String> after = Await.until("the later click as a new episode", Duration.ofSeconds(60), () -> {
                List<String> rows = StepRows.of(out);
                return rows.size() == expected.size() + 1 ? rows : null;
            });
            assertTrue(after.containsAll(expected), "what was written stays");
            assertTrue(after.stream().filter(r -> !expected.contains(r)).allMatch(r -> r.contains("\"step_index\": 0")),
                    "the later click is the first step of an episode of its own");
            assertEquals(JobStatus.RUNNING, job.getJobStatus().get());
        } finally {
            job.cancel().get();
        }
    }

    private static RawEvent lastEvent(Path corpus) throws Exception {
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(0, Long.MAX_VALUE));
        RawEvent last = null;
        for (String line : Files.readAllLines(corpus)) {
            if (decoder.decode(line) instanceof DecodeResult.Decoded d
                    && d.event().kind() != RawEvent.Kind.CONSENT && (last == null || d.event().tsUs() > last.tsUs())) {
                last = d.event();
            }
        }
        return last;
    }
}
