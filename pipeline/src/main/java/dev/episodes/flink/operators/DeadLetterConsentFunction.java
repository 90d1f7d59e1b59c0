package dev.episodes.flink.operators;

import dev.episodes.consent.ConsentHistory;
import dev.episodes.decode.DeadLetter;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.redaction.DeadLetterRedaction;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Dead letters leave here in their written form ({@link DeadLetterRedaction}: redacted, never raw unless
 * asked). Each waits (keyed by person) until the watermark passes its time, so a revoke arriving a few
 * seconds late still covers it, then leaves withheld if consent was missing. Dead letters that name
 * nobody (unparseable bytes) wait too: until the end of input for archives (whose lines have no time),
 * for Kafka records until the watermark has moved on by {@code holdUs} (the out-of-orderness bound) from
 * where it stood when they arrived. Then the revokes before them have been seen, and a line holding a
 * revoked person's raw id anywhere is withheld. With consent revoked by default, they are withheld.
 * Every dead letter of the job (decode rejects and late events) leaves here, counted by reason
 * ({@link DeadLetterMetrics}).
 */
public final class DeadLetterConsentFunction extends KeyedBroadcastProcessFunction<String, DeadLetter, RawEvent, String> {
    private static final long serialVersionUID = 1L;

    private final boolean consentByDefault;
    private final Pseudonymizer pseudonyms;
    private final RedactionPolicy policy;
    private final boolean keepRaw;
    private final long holdUs;
    private transient ListState<DeadLetter> waiting;
    private transient DeadLetterRedaction redaction;
    private transient DeadLetterMetrics metrics;

    public DeadLetterConsentFunction(boolean consentByDefault, Pseudonymizer pseudonyms, RedactionPolicy policy,
            boolean keepRaw) {
        this(consentByDefault, pseudonyms, policy, keepRaw, 10_000_000L);
    }

    public DeadLetterConsentFunction(boolean consentByDefault, Pseudonymizer pseudonyms, RedactionPolicy policy,
            boolean keepRaw, long holdUs) {
        this.holdUs = holdUs;
        this.consentByDefault = consentByDefault;
        this.pseudonyms = pseudonyms;
        this.policy = policy;
        this.keepRaw = keepRaw;
    }

    /** The key: the person named, or empty for dead letters that name nobody. */
    public static String keyOf(DeadLetter dl) {
        return dl.userId() == null ? "" : dl.userId();
    }

    @Override
    public void open(OpenContext openContext) {
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", PipelineTypes.DEAD_LETTER));
        redaction = new DeadLetterRedaction(pseudonyms, policy, keepRaw);
        metrics = new DeadLetterMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(DeadLetter dl, ReadOnlyContext ctx, Collector<String> out) throws Exception {
        DeadLetter held = dl;
        if (dl.userId() == null) { // no time of its own: it waits for its record's, or for the end
            long until;
            if (ctx.timestamp() == null || ctx.timestamp() == Long.MIN_VALUE) {
                until = Long.MAX_VALUE; // an archive line: until the end of input
            } else {
                long wm = ctx.timerService().currentWatermark();
                until = wm == Long.MIN_VALUE ? 0L : Math.addExact(EventTime.watermarkUs(wm), holdUs);
            }
            held = new DeadLetter(dl.reason(), dl.detail(), dl.raw(), null, until, dl.source());
        }
        waiting.add(held);
        ctx.timerService().registerEventTimeTimer(EventTime.timerMs(held.tsUs()));
    }

    @Override
    public void processBroadcastElement(RawEvent event, Context ctx, Collector<String> out) throws Exception {
        DeviceTimelineFunction.record(ctx.getBroadcastState(DeviceTimelineFunction.CONSENT), event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        long watermarkUs = EventTime.watermarkUs(ctx.timerService().currentWatermark());
        ReadOnlyBroadcastState<String, String> state = ctx.getBroadcastState(DeviceTimelineFunction.CONSENT);
        List<DeadLetter> still = new ArrayList<>();
        Map<String, Boolean> people = null;
        for (DeadLetter dl : waiting.get()) {
            if (dl.tsUs() > watermarkUs) {
                still.add(dl);
                continue;
            }
            if (people == null) {
                people = people(state);
            }
            boolean consented = consented(dl, state);
            out.collect(redaction.toJson(dl, consented, people));
            metrics.written(dl.reason(), consented);
        }
        waiting.update(still);
    }

    private boolean consented(DeadLetter dl, ReadOnlyBroadcastState<String, String> state) throws Exception {
        if (dl.userId() == null) {
            return consentByDefault;
        }
        ConsentHistory consent = ConsentHistory.decode(state.get(dl.userId()));
        if (dl.tsUs() == 0L) { // a person but no readable time: any revoke covers it
            return consent.changes().isEmpty() ? consentByDefault : !consent.everWithheld(); // pauses too
        }
        return consent.admits(dl.tsUs(), consentByDefault);
    }

    /** Everybody with a consent record, and whether they ever revoked or paused. */
    private static Map<String, Boolean> people(ReadOnlyBroadcastState<String, String> state) throws Exception {
        Map<String, Boolean> people = new HashMap<>();
        for (Map.Entry<String, String> e : state.immutableEntries()) {
            people.put(e.getKey(), ConsentHistory.decode(e.getValue()).everWithheld());
        }
        return people;
    }
}
