package dev.episodes.flink.topology;

import dev.episodes.archive.ArchiveLine;
import dev.episodes.config.PipelineConfig;
import dev.episodes.decode.ArchiveLineDecoder;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.operators.DeadLetterConsentFunction;
import dev.episodes.flink.operators.IdentityScopeFunction;
import dev.episodes.identity.IdentityScope;
import dev.episodes.identity.ScopedIdentity;
import dev.episodes.flink.operators.DeviceTimelineFunction;
import dev.episodes.flink.operators.DeviceTimelineOperator;
import dev.episodes.flink.operators.EpisodeSpread;
import dev.episodes.flink.operators.EpisodeWindowFilter;
import dev.episodes.flink.operators.EventTime;
import dev.episodes.flink.operators.FramesFunction;
import dev.episodes.frames.ScopeRegions;
import dev.episodes.flink.operators.LineDecodeFunction;
import dev.episodes.flink.operators.RouteFunction;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.session.Episode;
import dev.episodes.window.BuildWindow;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The one place the pipeline's topology is assembled. Jobs choose sources and sinks; everything
 * between (decode, event time, dedup and ordering per device, reduction, pairing, redaction,
 * sessionization, frames when on) is built here, with stable operator uids for savepoint compatibility.
 */
public final class EpisodeTopology {
    private EpisodeTopology() {}

    /** The pipeline's outputs: closed episodes, every dead letter, and the consent stream. */
    public record Outputs(DataStream<Episode> episodes, DataStream<String> deadLetters,
            DataStream<RawEvent> consent) {}

    /**
     * From archive lines ({@code files}: their files' names) read by one reader per subtask, each its stripe
     * of every file (see {@code ArchiveSource}): decode and event time run chained in the reader's thread,
     * so raw lines cross no network (they once went from one reader to the decoders, a serialization each).
     */
    public static Outputs fromArchiveLines(DataStream<ArchiveLine> lines, List<String> files, PipelineConfig config,
            Pseudonymizer pseudonyms, BuildWindow window, UnaryOperator<DataStream<RawEvent>> tap) {
        int parallelism = lines.getParallelism();
        ArchiveLineDecoder decoder = new ArchiveLineDecoder(
                new JsonEventDecoder(TimeBounds.aheadOf(config.now(), config.maxClockAhead())), files);
        DataStream<DecodeResult> timed = lines
                .map(new LineDecodeFunction(decoder), PipelineTypes.DECODE_RESULT)
                .name("decode").uid("decode").setParallelism(parallelism)
                .assignTimestampsAndWatermarks(EventTime.watermarks(config.outOfOrderness(), config.idleness()))
                .name("event-time").uid("event-time").setParallelism(parallelism);
        return fromDecoded(timed, config, pseudonyms, window, tap);
    }

    /**
     * From decode results that already carry event time and watermarks (Kafka: per partition).
     * {@code tap} sees the activity events before they are keyed (tests inject failures there). A bounded
     * {@code window} keeps the episodes that start in it, made from the events it reads.
     */
    public static Outputs fromDecoded(DataStream<DecodeResult> timed, PipelineConfig config, Pseudonymizer pseudonyms,
            BuildWindow window, UnaryOperator<DataStream<RawEvent>> tap) {
        return fromDecoded(timed, config, pseudonyms, window, tap, false);
    }

    /**
     * As above; {@code unbounded} input also closes open episodes once it has been quiet for
     * {@link PipelineConfig#quietClose()} (see {@link DeviceTimelineFunction}). Bounded runs never do:
     * they end with a final watermark, and their output must not depend on how fast they read.
     */
    public static Outputs fromDecoded(DataStream<DecodeResult> timed, PipelineConfig config, Pseudonymizer pseudonyms,
            BuildWindow window, UnaryOperator<DataStream<RawEvent>> tap, boolean unbounded) {
        long quietCloseMs = unbounded ? config.quietClose().toMillis() : 0L;
        int parallelism = config.effectiveParallelism();
        // Chained to whatever produced the records (one archive reader, or the Kafka readers): no shuffle
        // before the key-by.
        SingleOutputStreamOperator<RawEvent> routed = timed
                .process(new RouteFunction(window), PipelineTypes.RAW_EVENT)
                .name("route").uid("route").setParallelism(timed.getParallelism());
        DataStream<RawEvent> consent = routed.getSideOutput(RouteFunction.CONSENT);
        DataStream<RawEvent> tapped = tap.apply(routed);
        if (tapped != routed && tapped instanceof SingleOutputStreamOperator<RawEvent> op) {
            // A test's tap (a stall, a failure) runs in a task of its own: chained, it would share the
            // archive reader's thread, and what it does could not be told apart from the reader's.
            op.startNewChain();
        }
        DeviceTimelineFunction timeline = new DeviceTimelineFunction(config.deviceSettings(),
                pseudonyms, config.redaction(), config.consentByDefault(), quietCloseMs)
                .planFrames(config.frames().enabled());
        KeyedStream<RawEvent, String> devices = tapped.keyBy(DeviceTimelineFunction::keyOf, Types.STRING);
        BroadcastStream<RawEvent> consentToAll = consent.broadcast(DeviceTimelineFunction.CONSENT);
        // Streaming writes device state behind, once per checkpoint (DeviceTimelineOperator); BATCH sorts
        // by key and keeps one key's state at a time, with nothing to cache.
        boolean streaming = timed.getExecutionEnvironment().getConfiguration()
                .get(ExecutionOptions.RUNTIME_MODE) == RuntimeExecutionMode.STREAMING;
        SingleOutputStreamOperator<Episode> episodes = (streaming
                ? DeviceTimelineOperator.apply(devices, consentToAll, timeline)
                : devices.connect(consentToAll).process(timeline, PipelineTypes.EPISODE))
                .name("order-reduce-redact-sessionize").uid("device-timeline").setParallelism(parallelism);
        DataStream<String> deadLetters = routed.getSideOutput(RouteFunction.DEAD_LETTERS)
                .union(episodes.getSideOutput(DeviceTimelineFunction.LATE))
                .keyBy(DeadLetterConsentFunction::keyOf, Types.STRING)
                .connect(consent.broadcast(DeviceTimelineFunction.CONSENT))
                .process(new DeadLetterConsentFunction(config.consentByDefault(), pseudonyms, config.redaction(),
                        config.keepRawDeadLetters(), config.outOfOrderness().toNanos() / 1000), Types.STRING)
                .name("dead-letter-consent").uid("dead-letter-consent").setParallelism(parallelism);
        DataStream<Episode> kept = !window.bounded() ? episodes : episodes
                .filter(new EpisodeWindowFilter(window))
                .name("episodes-in-window").uid("episodes-in-window").setParallelism(parallelism);
        if (config.frames().enabled()) {
            // Screenshots are read once an episode is closed and kept: async, bounded, never blocking a checkpoint.
            kept = FramesFunction.apply(kept, config.frames(), ScopeRegions.of(config.redaction().scope()));
        }
        // Every job's episodes leave here with their split (from the stable pseudonym) and the pseudonyms
        // of the dataset's identity scope: the stable one reaches no writer unless the scope is stable.
        kept = kept.map(new IdentityScopeFunction(new ScopedIdentity(config.layout().identity(), config.layout().time(), pseudonyms,
                        config.layout().splits())), PipelineTypes.EPISODE)
                .name("identity-scope").uid("identity-scope").setParallelism(kept.getParallelism());
        if (config.layout().identity() != IdentityScope.STABLE) {
            // Writers by episode id, not by device: otherwise a file's writer number is a bucket of devices.
            kept = kept.partitionCustom(new EpisodeSpread(), Episode::episodeId);
        }
        return new Outputs(kept, deadLetters, consent);
    }
}
