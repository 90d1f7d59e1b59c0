package dev.episodes.flink.operators;

import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.RejectReason;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.window.BuildWindow;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Counts every input record once and routes it: activity events on, consent to its own output, dead
 * letters to theirs (counted by reason, as accumulators for run summaries and as metrics). A windowed
 * build drops, and counts, the events it does not need. Metrics (docs/operations.md): {@code recordsIn}
 * and its {@code recordsInPerSecond}, {@code deadLetters.<reason>} for every reason (decode rejects;
 * late events are the timeline's), {@code deadLettersRejected} and its {@code deadLettersPerSecond}.
 */
public final class RouteFunction extends ProcessFunction<DecodeResult, RawEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", PipelineTypes.DEAD_LETTER);
    public static final OutputTag<RawEvent> CONSENT = new OutputTag<>("consent", PipelineTypes.RAW_EVENT);

    private final BuildWindow window;
    private transient LongCounter read;
    private transient LongCounter outside;
    private transient LongCounter decoded;
    private transient LongCounter consent;
    private transient LongCounter truncated;
    private transient Counter truncatedMetric;
    private transient Map<RejectReason, LongCounter> rejected;
    private transient Map<RejectReason, Counter> rejectedMetrics;
    private transient Counter rejectedTotal;
    private transient Counter recordsIn;

    public RouteFunction(BuildWindow window) {
        this.window = window;
    }

    @Override
    public void open(OpenContext openContext) {
        outside = getRuntimeContext().getLongCounter(Counters.OUTSIDE_WINDOW);
        read = getRuntimeContext().getLongCounter(Counters.RECORDS_READ);
        decoded = getRuntimeContext().getLongCounter(Counters.EVENTS_DECODED);
        consent = getRuntimeContext().getLongCounter(Counters.CONSENT_EVENTS);
        rejected = new EnumMap<>(RejectReason.class);
        rejectedMetrics = new EnumMap<>(RejectReason.class);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        recordsIn = metrics.counter("recordsIn");
        metrics.meter("recordsInPerSecond", new MeterView(recordsIn));
        truncated = getRuntimeContext().getLongCounter(Counters.FIELDS_TRUNCATED);
        truncatedMetric = metrics.counter("fieldsTruncated");
        // Every reason from the start: a reason that never happened reads 0 rather than "no data", so an
        // alert on its rate has a series to watch.
        MetricGroup byReason = metrics.addGroup("deadLetters");
        for (RejectReason r : RejectReason.values()) {
            rejectedMetrics.put(r, byReason.counter(r.wire()));
        }
        rejectedTotal = metrics.counter("deadLettersRejected");
        metrics.meter("deadLettersPerSecond", new MeterView(rejectedTotal));
    }

    @Override
    public void processElement(DecodeResult result, Context ctx, Collector<RawEvent> out) {
        read.add(1L);
        recordsIn.inc();
        if (result instanceof DecodeResult.Decoded d) {
            decoded.add(1L);
            if (d.truncatedFields() > 0) {
                truncated.add((long) d.truncatedFields());
                truncatedMetric.inc(d.truncatedFields());
            }
            if (!window.reads(d.event())) {
                outside.add(1L);
                return;
            }
            if (d.event() instanceof ConsentEvent) {
                consent.add(1L);
                ctx.output(CONSENT, d.event());
            } else {
                out.collect(d.event());
            }
            return;
        }
        DeadLetter dl = ((DecodeResult.Rejected) result).deadLetter();
        rejected.computeIfAbsent(dl.reason(),
                r -> getRuntimeContext().getLongCounter(Counters.DEAD_LETTER_PREFIX + r.wire())).add(1L);
        rejectedMetrics.get(dl.reason()).inc();
        rejectedTotal.inc();
        ctx.output(DEAD_LETTERS, dl);
    }
}
