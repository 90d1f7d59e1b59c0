package dev.episodes.flink.operators;

import dev.episodes.consent.ConsentHistory;
import dev.episodes.decode.DeadLetter;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Dead letters of people who had not consented keep only their count and reason: those that name a
 * person and time wait (keyed by person) until the watermark passes their time, so a revoke arriving a
 * few seconds late still covers them, then leave with their payload withheld if consent was missing.
 * Dead letters that name nobody (unparseable bytes) pass straight through.
 */
public final class DeadLetterConsentFunction extends KeyedBroadcastProcessFunction<String, DeadLetter, RawEvent, DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final boolean consentByDefault;
    private transient ListState<DeadLetter> waiting;

    public DeadLetterConsentFunction(boolean consentByDefault) {
        this.consentByDefault = consentByDefault;
    }

    /** The key: the person named, or empty for dead letters that name nobody. */
    public static String keyOf(DeadLetter dl) {
        return dl.userId() == null ? "" : dl.userId();
    }

    @Override
    public void open(OpenContext openContext) {
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", PipelineTypes.DEAD_LETTER));
    }

    @Override
    public void processElement(DeadLetter dl, ReadOnlyContext ctx, Collector<DeadLetter> out) throws Exception {
        if (dl.userId() == null) {
            out.collect(dl);
            return;
        }
        waiting.add(dl);
        ctx.timerService().registerEventTimeTimer(EventTime.timerMs(dl.tsUs()));
    }

    @Override
    public void processBroadcastElement(RawEvent event, Context ctx, Collector<DeadLetter> out) throws Exception {
        DeviceTimelineFunction.record(ctx.getBroadcastState(DeviceTimelineFunction.CONSENT), event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeadLetter> out) throws Exception {
        long watermarkUs = EventTime.watermarkUs(ctx.timerService().currentWatermark());
        ConsentHistory consent = ConsentHistory.decode(
                ctx.getBroadcastState(DeviceTimelineFunction.CONSENT).get(ctx.getCurrentKey()));
        java.util.List<DeadLetter> still = new java.util.ArrayList<>();
        for (DeadLetter dl : waiting.get()) {
            if (dl.tsUs() > watermarkUs) {
                still.add(dl);
            } else {
                out.collect(consent.admits(dl.tsUs(), consentByDefault) ? dl : dl.withheld());
            }
        }
        waiting.update(still);
    }
}
