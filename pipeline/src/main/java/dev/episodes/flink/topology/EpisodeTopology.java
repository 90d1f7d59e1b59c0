package dev.episodes.flink.topology;

import dev.episodes.config.PipelineConfig;
import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.operators.DecodeFunction;
import dev.episodes.flink.operators.DeviceTimelineFunction;
import dev.episodes.flink.operators.EventTime;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.session.Episode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The one place the pipeline's topology is assembled. Jobs choose sources and sinks; everything
 * between (decode, event time, dedup and ordering per device, reduction, pairing, redaction,
 * sessionization) is built here, with stable operator uids for savepoint compatibility.
 */
public final class EpisodeTopology {
    private EpisodeTopology() {}

    /** The pipeline's outputs: closed episodes, every dead letter, and the consent stream. */
    public record Outputs(DataStream<Episode> episodes, DataStream<DeadLetter> deadLetters,
            DataStream<RawEvent> consent) {}

    /** From JSON lines (archives): decode in parallel, then assign event time. */
    public static Outputs fromJsonLines(DataStream<String> lines, PipelineConfig config, Pseudonymizer pseudonyms) {
        int parallelism = config.effectiveParallelism();
        JsonEventDecoder decoder = new JsonEventDecoder(TimeBounds.aheadOf(config.now(), config.maxClockAhead()));
        SingleOutputStreamOperator<RawEvent> decoded = lines.rebalance()
                .process(new DecodeFunction(decoder), PipelineTypes.RAW_EVENT)
                .name("decode").uid("decode").setParallelism(parallelism);
        DataStream<RawEvent> timed = decoded
                .assignTimestampsAndWatermarks(EventTime.watermarks(config.outOfOrderness(), config.idleness()))
                .name("event-time").uid("event-time").setParallelism(parallelism);
        return fromEvents(timed, decoded.getSideOutput(DecodeFunction.DEAD_LETTERS),
                decoded.getSideOutput(DecodeFunction.CONSENT), config, pseudonyms);
    }

    /** From decoded events that already carry event time and watermarks (per source partition). */
    public static Outputs fromEvents(DataStream<RawEvent> timedEvents, DataStream<DeadLetter> decodeDeadLetters,
            DataStream<RawEvent> consent, PipelineConfig config, Pseudonymizer pseudonyms) {
        SingleOutputStreamOperator<Episode> episodes = timedEvents
                .keyBy(DeviceTimelineFunction::keyOf, Types.STRING)
                .process(new DeviceTimelineFunction(config.sessionRules(), config.dedupRetention().toNanos() / 1000,
                        pseudonyms, config.redaction()), PipelineTypes.EPISODE)
                .name("order-reduce-sessionize").uid("device-timeline")
                .setParallelism(config.effectiveParallelism());
        DataStream<DeadLetter> deadLetters = decodeDeadLetters.union(
                episodes.getSideOutput(DeviceTimelineFunction.LATE));
        return new Outputs(episodes, deadLetters, consent);
    }
}
