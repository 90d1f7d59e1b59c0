package dev.episodes.flink.runs;

import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.operators.EventTime;
import dev.episodes.flink.sink.DeadLetterTopicSink;
import dev.episodes.flink.sink.EpisodeCommitSink;
import dev.episodes.decode.DecodeResult;
import dev.episodes.flink.source.KafkaActivitySource;
import dev.episodes.flink.source.ReaderAlignment;
import dev.episodes.flink.source.StopAtLatestOnRestore;
import dev.episodes.flink.source.BoundedRunMark;
import dev.episodes.flink.operators.NoEndOfInput;
import dev.episodes.session.Episode;
import dev.episodes.flink.source.StoppingOffsets;
import dev.episodes.flink.source.UnboundedKafka;
import dev.episodes.flink.topology.EpisodeTopology;
import dev.episodes.publish.Topics;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreSettings;
import dev.episodes.window.BuildWindow;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.DatasetCommitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production path: the four activity topics through the shared topology into exactly-once Parquet
 * shards, with checkpoints; dead letters to their topic. Unbounded by default; with
 * {@link KafkaSettings#stopAtLatest()} it stops at the offsets that were latest when it started (also when
 * it resumes from an unbounded run's state), after a final checkpoint commits the last files (the demo and
 * tests). It never marks a partition {@code _SUCCESS}: more of the day may still arrive, and only a
 * bounded build ({@code nightly}) makes a partition complete.
 */
public final class KafkaStreaming {
    public static final String JOB_NAME = "episodes-stream";

    private final KafkaSettings kafka;
    private final String out;
    private Duration grace = DatasetLayout.RETIRED_GRACE;
    private final PipelineConfig config;
    private final PseudonymKey key;
    private UnaryOperator<DataStream<RawEvent>> tap = UnaryOperator.identity();
    private StoppingOffsets stopping; // null: each reader takes the latest

    public KafkaStreaming(KafkaSettings kafka, Path out, PipelineConfig config, PseudonymKey key) {
        this(kafka, out.toAbsolutePath().toString(), config, key);
    }

    /** Into a root URI ({@code s3://…}) or a local path. */
    public KafkaStreaming(KafkaSettings kafka, String out, PipelineConfig config, PseudonymKey key) {
        this.kafka = kafka;
        this.out = out;
        this.config = config;
        this.key = key;
    }

    /** How long files a commit stopped naming stay for readers of older manifests ({@code --retired-grace}). */
    public KafkaStreaming withRetiredGrace(Duration g) {
        this.grace = g;
        return this;
    }

    /**
     * A bounded run stops at these offsets, resolved by the caller (who can then commit them once the run
     * has finished), instead of at the latest when each reader takes a partition.
     */
    public KafkaStreaming withStoppingOffsets(StoppingOffsets offsets) {
        this.stopping = offsets;
        return this;
    }

    /** Lets tests see (and disturb) the activity events before they are keyed. */
    public KafkaStreaming withTap(UnaryOperator<DataStream<RawEvent>> tap) {
        this.tap = tap;
        return this;
    }

    /** Adds the job to the environment (checkpointing included); submit it with {@code executeAsync}. */
    public void build(StreamExecutionEnvironment env) throws Exception {
        Topics.check(kafka);
        StoreSettings settings = StoreSettings.current();
        Store store = Store.of(out, settings);
        String keyId = key.pseudonymizer().keyId();
        DatasetCommitter.writeInfo(store, "stream", config.describe(), keyId);
        env.enableCheckpointing(kafka.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        TimeBounds bounds = TimeBounds.aheadOf(config.now(), config.maxClockAhead());
        KafkaSource<DecodeResult> kafkaSource = KafkaActivitySource.of(kafka, bounds, stopping);
        // Unbounded, partitions are aligned one by one. Bounded, only readers as a whole: connector 5.0.0 can
        // fail a task pausing a partition it has just finished at its stopping offset (ReaderAlignment).
        Source<DecodeResult, ?, ?> source = kafka.stopAtLatest()
                ? new ReaderAlignment<>(new StopAtLatestOnRestore<>(kafkaSource, stopping)) : new UnboundedKafka<>(kafkaSource);
        var timed = env.fromSource(source,
                        EventTime.aligned(config.outOfOrderness(), config.idleness(),
                        config.maxDrift()), "kafka-activity")
                .uid("kafka-activity").setParallelism(config.effectiveParallelism());
        EpisodeTopology.Outputs outputs = EpisodeTopology.fromDecoded(timed, config, key.pseudonymizer(),
                BuildWindow.ALL, tap, !kafka.stopAtLatest());
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("kind", "kafka");
        input.put("topics", kafka.activityTopics());
        DataStream<Episode> episodes = outputs.episodes();
        if (!kafka.stopAtLatest()) {
            episodes = episodes.transform("no-end-of-input", outputs.episodes().getType(),
                            new NoEndOfInput<Episode>(BoundedRunMark.REFUSED))
                    .uid("no-end-of-input").setParallelism(config.effectiveParallelism());
        }
        episodes.sinkTo(new EpisodeCommitSink(out, settings,
                        dev.episodes.writing.DatasetScopes.withScopes(input, config.describe()), keyId, config.layout(),
                        config.redaction().scope().describe(), grace))
                .name("episode-shards").uid("episode-shards").setParallelism(config.effectiveParallelism());
        outputs.deadLetters().sinkTo(DeadLetterTopicSink.of(kafka)).name("dead-letter-topic").uid("dead-letter-topic");
    }

    /** Builds, runs to the end (bounded) and summarizes; for unbounded runs this returns when the job stops. */
    public RunSummary run(StreamExecutionEnvironment env, Progress progress) throws Exception {
        return run(env, progress, client -> {});
    }

    /** As {@link #run(StreamExecutionEnvironment, Progress)}; {@code started} gets the job to stop it. */
    public RunSummary run(StreamExecutionEnvironment env, Progress progress, Consumer<JobClient> started)
            throws Exception {
        long startedAt = System.nanoTime();
        build(env);
        JobClient client = env.executeAsync(JOB_NAME);
        started.accept(client);
        Map<String, Object> acc = JobProgress.await(client, progress, startedAt).getAllAccumulatorResults();
        return RunSummary.of(client.getJobID().toHexString(), acc, DatasetCommitter.summarize(Store.of(out), 0),
                Duration.ofNanos(System.nanoTime() - startedAt));
    }
}
