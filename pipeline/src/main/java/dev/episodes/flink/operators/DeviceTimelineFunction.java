package dev.episodes.flink.operators;

import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.decode.RejectReason;
import dev.episodes.consent.ConsentHistory;
import dev.episodes.device.DeviceState;
import dev.episodes.event.ConsentEvent;
import dev.episodes.device.Privacy;
import dev.episodes.device.TimelineOutput;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.ordering.Admission;
import dev.episodes.ordering.QuietClock;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.Redaction;
import dev.episodes.reduction.Step;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import java.util.HashMap;
import java.util.Map;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import dev.episodes.device.DeviceSettings;
import dev.episodes.device.DeviceStores;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The keyed (person, device) stage: a thin adapter around {@link DeviceState}. Events are offered to
 * the reorder buffer (duplicates counted, late events to the dead-letter output); one event-time timer
 * per key releases them in order into the device timeline when the watermark passes, and lets the
 * timeline's own deadlines (multi-click window, scroll merge, session gap) expire.
 *
 * <p>Quiet input (streaming only, {@code quietCloseMs > 0}): event time moves only with events, so when
 * every input stops, open episodes would wait forever. A device with something open also keeps one
 * processing-time timer; when it fires and this instance has had no event and no watermark progress
 * for the quiet time, the device closes at its own horizon ({@link DeviceState#closeQuiet}). Per device
 * and not by moving the watermark: each device's horizon is its own latest event plus the gap, which no
 * source subtask could compute for all (one device's kinds arrive on different partitions), and
 * downstream event time stays what the data says. Bounded runs pass 0: their output never depends on
 * how fast they read.
 *
 * <p>State per key: {@code device} (the small {@link DeviceState} every event reads and writes),
 * {@code waiting} (list state of the events waiting for the watermark: appended, rewritten per release),
 * {@code open-steps} (list state the open episode's steps are appended to, read once at its close),
 * {@code seen-ids} (ids of waiting and released events for dedup, map state: one lookup per event, none
 * for a device whose ids the streaming cache knows) and {@code masks} (the mask memory, touched only when an episode with frames closes): an event's cost does
 * not grow with the open episode's length on any backend. A device idle for {@link DeviceSettings#idleUs()}
 * in event time is closed and cleared; gauge {@code openDevices} counts the devices with state here.
 * Configuration is the job's ({@link DeviceSettings}), bound to state after each read, never stored.
 */
public final class DeviceTimelineFunction
        extends KeyedBroadcastProcessFunction<String, RawEvent, RawEvent, Episode> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late", PipelineTypes.DEAD_LETTER);
    /** Consent histories by user id (encoded {@link ConsentHistory}), broadcast to every instance. */
    public static final MapStateDescriptor<String, String> CONSENT =
            new MapStateDescriptor<>("consent", Types.STRING, Types.STRING);
    /** Devices the write-behind cache holds at most; a device's pending ids or steps written back at. */
    static final int CACHED_DEVICES = 4096;
    static final int PENDING_PER_DEVICE = 4096;
    /** Dedup ids the cache keeps of devices whose ids it knows all of (about 16 MB): lookups and sweeps without state. */
    static final long RESIDENT_IDS = 1L << 20;

    private final DeviceSettings settings;
    private final Pseudonymizer pseudonyms;
    private final RedactionPolicy policy;
    private final boolean consentByDefault;
    private final long quietCloseMs;
    private transient QuietClock quiet;
    private transient LongCounter quietCloses;
    private transient LongCounter withheld;
    private transient LongCounter paused;
    private transient Privacy privacy;
    private transient TimelineOutput output;
    private transient Collector<Episode> collector;
    private transient ValueState<DeviceState> state;
    private transient KeyedDeviceStores stores;
    /** Streaming only ({@link DeviceTimelineOperator}): devices written behind, once per checkpoint. */
    private transient DeviceCache cache;
    /** Whether the device of the current event or timer is served by the cache (else by Flink state directly). */
    private transient boolean cached;
    private transient KeyScope keys;
    /**
     * Devices with state here, by key group (keyed state moves by key group when the job is rescaled);
     * checkpointed as union operator state, so after a rescale each instance sums the groups it now owns.
     */
    private transient OpenDevices openDevices;
    private transient ListState<Tuple2<Integer, Long>> openDevicesState;
    /**
     * The watermark before the last restore (the least over the instances that saved one): Flink does not
     * checkpoint watermarks, and until a new one arrives lateness must be judged as it was before.
     */
    private transient long restoredWatermarkMs = Long.MIN_VALUE;
    private transient ListState<Long> watermarkState;
    private transient LongCounter expiredDevices;
    private transient LongCounter duplicates;
    private transient LongCounter late;
    private transient LongCounter ordered;
    private transient LongCounter episodes;
    private transient LongCounter steps;
    private transient Counter duplicatesMetric;
    private transient Counter lateMetric;
    private transient Counter episodesMetric;
    private transient MetricGroup stepsGroup;
    private transient MetricGroup redactionsGroup;
    private transient Map<String, Counter> stepsByAction;
    private transient Map<String, Counter> redactionsByKind;
    private transient volatile long lastWatermarkMs = Long.MIN_VALUE;
    private boolean frames;
    private int cachedDevices = CACHED_DEVICES;
    private int pendingPerDevice = PENDING_PER_DEVICE;
    private long residentIds = RESIDENT_IDS;

    public DeviceTimelineFunction(SessionRules rules, long dedupRetentionUs, Pseudonymizer pseudonyms,
            RedactionPolicy policy, boolean consentByDefault) {
        this(rules, dedupRetentionUs, pseudonyms, policy, consentByDefault, 0L);
    }

    /** @param quietCloseMs close a device's open episode once the input has been quiet this long; 0: never */
    public DeviceTimelineFunction(SessionRules rules, long dedupRetentionUs, Pseudonymizer pseudonyms,
            RedactionPolicy policy, boolean consentByDefault, long quietCloseMs) {
        this(new DeviceSettings(rules, dedupRetentionUs), pseudonyms, policy, consentByDefault, quietCloseMs);
    }

    public DeviceTimelineFunction(DeviceSettings settings, Pseudonymizer pseudonyms, RedactionPolicy policy,
            boolean consentByDefault, long quietCloseMs) {
        this.quietCloseMs = quietCloseMs;
        this.consentByDefault = consentByDefault;
        this.settings = settings;
        this.pseudonyms = pseudonyms;
        this.policy = policy;
    }

    /** With frames on, closed episodes carry their frame plan (see {@code MaskPlanner}). */
    public DeviceTimelineFunction planFrames(boolean on) {
        this.frames = on;
        return this;
    }

    /** Adds a consent change to the broadcast consent state (shared by every consent-aware stage). */
    static void record(org.apache.flink.api.common.state.BroadcastState<String, String> state, RawEvent event)
            throws Exception {
        if (event instanceof ConsentEvent c) {
            state.put(c.userId(), ConsentHistory.decode(state.get(c.userId()))
                    .with(c.tsUs(), c.granted(), c.untilTsUs()).encode());
        }
    }

    /** The key: a person on a device. Equal device ids of different people never share state. */
    public static String keyOf(RawEvent e) {
        return e.userId() + '\u0000' + e.deviceId();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("device", PipelineTypes.DEVICE_STATE));
        stores = new KeyedDeviceStores(
                getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", PipelineTypes.RAW_EVENT)),
                getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-ids", Types.LONG, Types.LONG)),
                getRuntimeContext().getListState(new ListStateDescriptor<>("open-steps", PipelineTypes.STEP)),
                getRuntimeContext().getState(new ValueStateDescriptor<>("masks", PipelineTypes.MASK_PLANNER)));
        cache = keys == null ? null
                : new DeviceCache(state, stores, keys, cachedDevices, pendingPerDevice, residentIds);
        expiredDevices = getRuntimeContext().getLongCounter(Counters.EXPIRED_DEVICES);
        getRuntimeContext().getMetricGroup().gauge("openDevices", (Gauge<Long>) () -> openDevices.total());
        duplicates = getRuntimeContext().getLongCounter(Counters.DUPLICATES);
        late = getRuntimeContext().getLongCounter(Counters.DEAD_LETTER_PREFIX + RejectReason.LATE.wire());
        ordered = getRuntimeContext().getLongCounter(Counters.EVENTS_ORDERED);
        withheld = getRuntimeContext().getLongCounter(Counters.WITHOUT_CONSENT);
        paused = getRuntimeContext().getLongCounter(Counters.PAUSED);
        episodes = getRuntimeContext().getLongCounter(Counters.EPISODES);
        steps = getRuntimeContext().getLongCounter(Counters.STEPS);
        quiet = new QuietClock(quietCloseMs);
        quietCloses = getRuntimeContext().getLongCounter(Counters.QUIET_CLOSES);
        duplicatesMetric = getRuntimeContext().getMetricGroup().counter("duplicates");
        lateMetric = getRuntimeContext().getMetricGroup().counter("lateEvents");
        episodesMetric = getRuntimeContext().getMetricGroup().counter("episodes");
        stepsGroup = getRuntimeContext().getMetricGroup().addGroup("steps");
        redactionsGroup = getRuntimeContext().getMetricGroup().addGroup("redactions");
        stepsByAction = new HashMap<>();
        redactionsByKind = new HashMap<>();
        // How far event time trails the wall clock here: the end-to-end lag of the pipeline.
        getRuntimeContext().getMetricGroup().gauge("eventTimeLagMs", (Gauge<Long>) () ->
                lastWatermarkMs == Long.MIN_VALUE ? 0L : System.currentTimeMillis() - lastWatermarkMs);
        privacy = new Privacy(pseudonyms, new Redactor(policy), frames);
        Map<String, LongCounter> dropped = new HashMap<>();
        output = new TimelineOutput() {
            @Override
            public void episode(Episode episode) {
                episodes.add(1L);
                steps.add((long) episode.steps().size());
                episodesMetric.inc();
                for (Step s : episode.steps()) {
                    stepsByAction.computeIfAbsent(s.action().wire(), a -> stepsGroup.counter(a)).inc();
                    for (Redaction r : s.redactions()) {
                        redactionsByKind.computeIfAbsent(r.kind(), k -> redactionsGroup.counter(k)).inc();
                    }
                }
                collector.collect(episode);
            }

            @Override
            public void dropped(String reason) {
                dropped.computeIfAbsent(reason,
                        r -> getRuntimeContext().getLongCounter(Counters.DROPPED_STEPS_PREFIX + r)).add(1L);
            }
        };
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        openDevicesState.update(openDevices.entries());
        long seen = Math.max(lastWatermarkMs, restoredWatermarkMs);
        watermarkState.update(seen == Long.MIN_VALUE ? List.of() : List.of(seen));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        openDevicesState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>(
                "open-devices-by-key-group", Types.TUPLE(Types.INT, Types.LONG)));
        var task = getRuntimeContext().getTaskInfo();
        openDevices = new OpenDevices(task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks(),
                task.getIndexOfThisSubtask());
        for (Tuple2<Integer, Long> e : openDevicesState.get()) {
            openDevices.restore(e.f0, e.f1); // every instance's entries: each keeps the groups it owns
        }
        watermarkState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("last-watermark", Types.LONG));
        long least = Long.MAX_VALUE;
        for (Long w : watermarkState.get()) {
            least = Math.min(least, w); // rescaled: the least is safe for every key
        }
        restoredWatermarkMs = least == Long.MAX_VALUE ? Long.MIN_VALUE : least;
    }

    /** Devices with state on this instance (the {@code openDevices} gauge). */
    long openDevices() {
        return openDevices.total();
    }

    /** The write-behind cache's bounds (tests make them tiny, to evict and write back all the time). */
    DeviceTimelineFunction cacheSizes(int devices, int perDevice) {
        this.cachedDevices = devices;
        this.pendingPerDevice = perDevice;
        return this;
    }

    /** How many dedup ids the cache may keep of devices it knows all ids of (tests: 0 turns it off). */
    DeviceTimelineFunction knownIds(long ids) {
        this.residentIds = ids;
        return this;
    }

    /** Devices whose dedup ids the cache knows all of (tests); 0 without the cache. */
    int knownDevices() {
        return cache == null ? 0 : cache.knownDevices();
    }

    /** Set by {@link DeviceTimelineOperator} before {@link #open}: device state is then written behind. */
    void writeBehind(KeyScope scope) {
        this.keys = scope;
    }

    /** Writes what the cache holds to Flink state (in every checkpoint before keyed state is snapshotted, and at the end). */
    void flush() throws Exception {
        if (cache != null) {
            cache.flushAll();
        }
    }

    /** Devices with changes not yet in Flink state (tests); 0 without the cache. */
    int pendingDevices() {
        return cache == null ? 0 : cache.pendingDevices();
    }

    private DeviceStores deviceStores() {
        return cached ? cache : stores;
    }

    /**
     * The device's state, bound to the job's settings and this key's stores; null if it has none. First
     * thing for every event and timer: it decides whether the cache serves this device ({@link DeviceCache#admit}).
     */
    private DeviceState current() throws Exception {
        cached = cache != null && cache.admit();
        DeviceState st = cached ? cache.device() : state.value();
        return st == null ? null : st.bind(settings, deviceStores());
    }

    private void save(DeviceState st) throws Exception {
        if (cached) {
            cache.update(st);
        } else {
            state.update(st);
        }
    }

    @Override
    public void processElement(RawEvent event, ReadOnlyContext ctx, Collector<Episode> out) throws Exception {
        long current = ctx.timerService().currentWatermark();
        if (current != Long.MIN_VALUE) {
            lastWatermarkMs = current; // the lag gauge is live from the first watermark, not the first timer
        }
        long watermark = Math.max(current, restoredWatermarkMs); // lateness as before a restore, until one arrives
        long watermarkUs = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : EventTime.watermarkUs(watermark);
        DeviceState st = current();
        boolean fresh = st == null;
        if (fresh) {
            if (settings.beyondMemory(event.tsUs(), watermarkUs)) {
                late(event, ctx); // older than any device's memory: a repeat or too late, never a second copy
                return;
            }
            st = new DeviceState(settings, deviceStores());
            openDevices.add(ctx.getCurrentKey(), 1);
        }
        boolean wasOpen = quiet.enabled() && st.hasOpenWork();
        // A device's released time catches up with event time; a new device has released nothing, so its
        // first event is always accepted (and the state it makes always has a time to expire from).
        Admission admission = st.offer(event, fresh ? Long.MIN_VALUE : watermarkUs);
        switch (admission) {
            case DUPLICATE -> {
                duplicates.add(1L);
                duplicatesMetric.inc();
            }
            case LATE -> late(event, ctx);
            case ACCEPTED -> ordered.add(1L);
        }
        if (quiet.enabled()) {
            long now = ctx.timerService().currentProcessingTime();
            quiet.input(now);
            if (!wasOpen && st.hasOpenWork()) { // something opened: watch it for quiet input
                ctx.timerService().registerProcessingTimeTimer(quiet.quietAtMs(now));
            }
        }
        schedule(st, ctx.timerService());
        save(st);
    }

    private void late(RawEvent event, ReadOnlyContext ctx) {
        late.add(1L);
        lateMetric.inc();
        // Consent is applied to dead letters downstream (DeadLetterConsentFunction), in event time.
        ctx.output(LATE, DeadLetter.of(RejectReason.LATE,
                "ts_us is before the device's released event time", JsonEventEncoder.encode(event),
                event.userId(), event.tsUs()));
    }

    /** Consent changes: kept in event time; they apply when the watermark releases the events they cover. */
    @Override
    public void processBroadcastElement(RawEvent event, Context ctx, Collector<Episode> out) throws Exception {
        record(ctx.getBroadcastState(CONSENT), event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Episode> out) throws Exception {
        DeviceState st = current();
        if (st == null) {
            return;
        }
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            onQuietTimer(st, ctx, out);
            return;
        }
        lastWatermarkMs = ctx.timerService().currentWatermark();
        long watermarkUs = EventTime.watermarkUs(lastWatermarkMs);
        st.timerUs(DeviceState.NO_TIMER);
        collector = out;
        st.advanceTo(watermarkUs, admitted(st, ctx), privacy, output);
        if (st.expired(watermarkUs)) {
            forget(st, ctx);
            return;
        }
        schedule(st, ctx.timerService());
        save(st);
    }

    /** The device was idle long enough: whatever is open closes, then all of its state goes. */
    private void forget(DeviceState st, OnTimerContext ctx) throws Exception {
        st.closeAll(admitted(st, ctx), privacy, output);
        if (cache != null) {
            cache.forget(); // also when not served by it: nothing of the device may stay
        } else {
            state.clear();
            stores.clear();
        }
        openDevices.add(ctx.getCurrentKey(), -1);
        expiredDevices.add(1L);
        // Its quiet-input timer, if any, finds no state and returns; no event timer is left.
    }

    /** The device's quiet-input timer: close it if the input is quiet, else look again when it could be. */
    private void onQuietTimer(DeviceState st, OnTimerContext ctx, Collector<Episode> out) throws Exception {
        if (!quiet.enabled() || !st.hasOpenWork()) {
            return; // closed by event time meanwhile: its next opening registers a new timer
        }
        long now = ctx.timerService().currentProcessingTime();
        quiet.watermark(ctx.timerService().currentWatermark(), now);
        if (!quiet.quiet(now)) {
            ctx.timerService().registerProcessingTimeTimer(quiet.quietAtMs(now));
            return;
        }
        collector = out;
        st.closeQuiet(admitted(st, ctx), privacy, output);
        quietCloses.add(1L);
        schedule(st, ctx.timerService()); // remembered ids are still forgotten in event time
        save(st);
    }

    /** Released events: into the timeline if their person consented at their time, else withheld. */
    private java.util.function.Consumer<RawEvent> admitted(DeviceState st, ReadOnlyContext ctx) throws Exception {
        ConsentHistory consent = ConsentHistory.decode(ctx.getBroadcastState(CONSENT).get(ctx.getCurrentKey()
                .substring(0, ctx.getCurrentKey().indexOf('\u0000'))));
        return e -> {
            ConsentHistory.Verdict verdict = consent.verdict(e.tsUs(), consentByDefault);
            if (verdict.admitted()) {
                st.timeline().accept(e, privacy, output);
            } else {
                withheld.add(1L); // counted, never logged: the count says nothing of whose
                if (verdict == ConsentHistory.Verdict.PAUSED) {
                    paused.add(1L);
                }
                st.timeline().finish(privacy, output); // a revoke or a pause closes the episode it cuts
            }
        };
    }

    /** Keeps the device's one timer at its next wake-up, always after the current watermark. */
    private static void schedule(DeviceState st, org.apache.flink.streaming.api.TimerService timers) {
        long next = st.nextWakeUpUs();
        if (next == Long.MAX_VALUE) {
            return;
        }
        long ms = EventTime.timerMs(next, timers.currentWatermark());
        boolean armed = st.timerUs() != DeviceState.NO_TIMER;
        if (armed && EventTime.timerMs(st.timerUs()) <= ms) {
            return;
        }
        if (armed) {
            timers.deleteEventTimeTimer(EventTime.timerMs(st.timerUs())); // keep one timer per device
        }
        timers.registerEventTimeTimer(ms);
        st.timerUs(ms * 1000L); // the timer's event time: the first microsecond of its millisecond
    }
}
