package dev.episodes.flink.operators;

import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.RejectReason;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Adapts {@link JsonEventDecoder}: events out, consent to its own output, dead letters to theirs, all counted. */
public final class DecodeFunction extends ProcessFunction<String, RawEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", PipelineTypes.DEAD_LETTER);
    public static final OutputTag<RawEvent> CONSENT = new OutputTag<>("consent", PipelineTypes.RAW_EVENT);

    private final JsonEventDecoder decoder;
    private transient LongCounter read;
    private transient LongCounter decoded;
    private transient LongCounter consent;
    private transient Map<RejectReason, LongCounter> rejected;
    private transient Counter readMetric;
    private transient Counter rejectedMetric;

    public DecodeFunction(JsonEventDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void open(OpenContext openContext) {
        read = getRuntimeContext().getLongCounter(Counters.RECORDS_READ);
        decoded = getRuntimeContext().getLongCounter(Counters.EVENTS_DECODED);
        consent = getRuntimeContext().getLongCounter(Counters.CONSENT_EVENTS);
        rejected = new EnumMap<>(RejectReason.class);
        readMetric = getRuntimeContext().getMetricGroup().counter("recordsDecodedIn");
        rejectedMetric = getRuntimeContext().getMetricGroup().counter("deadLettersDecode");
    }

    @Override
    public void processElement(String line, Context ctx, Collector<RawEvent> out) {
        read.add(1L);
        readMetric.inc();
        DecodeResult result = decoder.decode(line);
        if (result instanceof DecodeResult.Decoded d) {
            decoded.add(1L);
            if (d.event() instanceof ConsentEvent) {
                consent.add(1L);
                ctx.output(CONSENT, d.event());
            } else {
                out.collect(d.event());
            }
        } else {
            DeadLetter dl = ((DecodeResult.Rejected) result).deadLetter();
            rejected.computeIfAbsent(dl.reason(),
                    r -> getRuntimeContext().getLongCounter(Counters.DEAD_LETTER_PREFIX + r.wire())).add(1L);
            rejectedMetric.inc();
            ctx.output(DEAD_LETTERS, dl);
        }
    }
}
