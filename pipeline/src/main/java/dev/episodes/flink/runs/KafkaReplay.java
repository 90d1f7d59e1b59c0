package dev.episodes.flink.runs;

import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.decode.TimeBounds;
import dev.episodes.flink.operators.EventTime;
import dev.episodes.flink.source.KafkaActivitySource;
import dev.episodes.flink.topology.EpisodeTopology;
import dev.episodes.publish.Topics;
import dev.episodes.storage.StoreSettings;
import dev.episodes.window.BuildWindow;
import dev.episodes.writing.DatasetLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Re-processes a past time range from the activity topics as a bounded batch job: reads the records
 * stamped in the window widened by {@code recordTimeSlack} (record timestamps are send times, not event
 * times), keeps the events the window needs by their payload time, and builds the episodes that start
 * in it, exactly as the streaming job made them.
 */
public final class KafkaReplay implements BoundedBuild.Job {
    /** How far a record's Kafka timestamp may be from its event time (recorders buffer offline). */
    public static final Duration DEFAULT_RECORD_TIME_SLACK = Duration.ofHours(1);

    private final KafkaSettings kafka;
    private final String out;
    private final PipelineConfig config;
    private final PseudonymKey key;
    private final BuildWindow window;
    private final Duration recordTimeSlack;
    private Duration grace = DatasetLayout.RETIRED_GRACE;

    public KafkaReplay(KafkaSettings kafka, Path out, PipelineConfig config, PseudonymKey key, BuildWindow window,
            Duration recordTimeSlack) {
        this(kafka, out.toAbsolutePath().toString(), config, key, window, recordTimeSlack);
    }

    /** Into a root URI ({@code s3://…}) or a local path. */
    public KafkaReplay(KafkaSettings kafka, String out, PipelineConfig config, PseudonymKey key, BuildWindow window,
            Duration recordTimeSlack) {
        if (!window.bounded()) {
            throw new IllegalArgumentException("a replay from Kafka needs --from and --to");
        }
        this.kafka = kafka;
        this.out = out;
        this.config = config;
        this.key = key;
        this.window = window;
        this.recordTimeSlack = recordTimeSlack;
    }

    /** How long files a rebuild replaced stay for readers of older manifests ({@code --retired-grace}). */
    public KafkaReplay withRetiredGrace(Duration g) {
        this.grace = g;
        return this;
    }

    @Override
    public String out() {
        return out;
    }

    @Override
    public String runId() {
        return BoundedBuild.runId(kafka.bootstrap() + "\n" + kafka.activityTopics(), window, config, key);
    }

    @Override
    public void build(StreamExecutionEnvironment env) throws Exception {
        Topics.check(kafka);
        BoundedBuild.prepare(env, RuntimeExecutionMode.BATCH);
        long slackUs = recordTimeSlack.toNanos() / 1000;
        long startMs = Math.floorDiv(window.readFromUs() - slackUs, 1000);
        long stopMs = Math.floorDiv(window.readToUs() + slackUs, 1000);
        var timed = env.fromSource(KafkaActivitySource.range(kafka, TimeBounds.aheadOf(config.now(), config.maxClockAhead()),
                        startMs, stopMs), EventTime.watermarks(config.outOfOrderness(), config.idleness()), "kafka-range")
                .uid("kafka-range").setParallelism(config.effectiveParallelism());
        EpisodeTopology.Outputs outputs = EpisodeTopology.fromDecoded(timed, config, key.pseudonymizer(), window,
                UnaryOperator.identity());
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("kind", "kafka");
        input.put("topics", kafka.activityTopics());
        input.putAll(window.describe());
        BoundedBuild.attach(outputs, out, StoreSettings.current(), grace, runId(), config, input,
                key.pseudonymizer().keyId(), window);
    }

    public RunSummary run(StreamExecutionEnvironment env, Progress progress) throws Exception {
        return BoundedBuild.execute(this, env, "episodes-kafka-replay", progress);
    }
}
