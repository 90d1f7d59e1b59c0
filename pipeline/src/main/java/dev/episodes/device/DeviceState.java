package dev.episodes.device;

import dev.episodes.event.RawEvent;
import dev.episodes.ordering.Admission;
import dev.episodes.ordering.ReorderBuffer;
import dev.episodes.session.SessionRules;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The per-device state every event reads and writes: the reorder buffer in front of the timeline, the
 * timeline's small core, the event time of the one timer the operator keeps registered (so it registers
 * a new one only when it must be earlier), and when the device was last heard from. The open episode's
 * steps and the mask memory are in {@link DeviceStores}; configuration ({@link DeviceSettings}) is bound
 * when the state is read, never written with it.
 *
 * <p>Lifecycle: once event time is {@link DeviceSettings#idleUs()} past the device's latest event, the
 * device {@link #expired expires}: the operator closes what is open and clears all its state. A device
 * that comes back starts afresh, as a new one would; with the idle time longer than every memory the
 * state keeps (the session gap, the dedup retention, the mask memory's day) its output is the same as if
 * it had never been forgotten.
 */
public final class DeviceState {
    public static final long NO_TIMER = Long.MAX_VALUE;
    private static final long NEVER_SEEN = Long.MIN_VALUE;

    private DeviceSettings settings;
    private final ReorderBuffer buffer;
    private final DeviceTimeline timeline;
    private long timerUs = NO_TIMER;
    private long lastSeenUs = NEVER_SEEN;

    /** Devices never expire; the other stores are on the heap. */
    public DeviceState(SessionRules rules, long dedupRetentionUs) {
        this(new DeviceSettings(rules, dedupRetentionUs), DeviceStores.inMemory());
    }

    public DeviceState(DeviceSettings settings, DeviceStores stores) {
        this(new ReorderBuffer(settings.dedupRetentionUs(), stores.seenIds(), stores.waitingEvents()), new DeviceTimeline(settings.rules(), stores));
        this.settings = settings;
    }

    private DeviceState(ReorderBuffer buffer, DeviceTimeline timeline) {
        this.buffer = buffer;
        this.timeline = timeline;
    }

    /** The job's settings and the device's other stores: after every read of the state, before any use. */
    public DeviceState bind(DeviceSettings s, DeviceStores stores) {
        settings = s;
        buffer.bind(s.dedupRetentionUs(), stores.seenIds(), stores.waitingEvents());
        timeline.bind(s.rules(), stores);
        return this;
    }

    public ReorderBuffer buffer() {
        return buffer;
    }

    public DeviceTimeline timeline() {
        return timeline;
    }

    public long timerUs() {
        return timerUs;
    }

    public void timerUs(long timerUs) {
        this.timerUs = timerUs;
    }

    /** Offers an event to the reorder buffer; an accepted one counts as the device being heard from. */
    public Admission offer(RawEvent event) {
        return offer(event, Long.MIN_VALUE);
    }

    /**
     * As {@link #offer(RawEvent)}, with event time at {@code watermarkUs}: an event at or before what the
     * device has released, or before the watermark, is late (the device's own released time catches up
     * with event time first).
     */
    public Admission offer(RawEvent event, long watermarkUs) {
        if (watermarkUs != Long.MIN_VALUE) {
            buffer.catchUp(watermarkUs);
        }
        Admission a = buffer.offer(event);
        if (a == Admission.ACCEPTED && event.tsUs() > lastSeenUs) {
            lastSeenUs = event.tsUs();
        }
        return a;
    }

    /**
     * Event time reached {@code watermarkUs}: the events it passed leave the buffer in order to
     * {@code released} (which hands them to the timeline, or withholds them), ids older than the
     * retention are forgotten, and the timeline's deadlines up to it expire. Afterwards
     * {@link #nextWakeUpUs()} is after {@code watermarkUs}: a wake-up always makes progress.
     */
    public void advanceTo(long watermarkUs, Consumer<RawEvent> released, Privacy privacy, TimelineOutput out) {
        buffer.release(watermarkUs, released);
        timeline.advanceTo(watermarkUs, privacy, out);
    }

    /** Whether events wait or the timeline has a deadline: something an advance of event time would close. */
    public boolean hasOpenWork() {
        return buffer.nextReleaseUs() != Long.MAX_VALUE || timeline.nextDeadlineUs() != Long.MAX_VALUE;
    }

    /**
     * The input went quiet: advances this device alone to its own horizon, its latest event plus the
     * session gap, as a watermark there would. Every waiting event is released in order and every
     * deadline (pending steps, the typing visit, the session) expires, so the open episode closes.
     * Later events of the device start a new episode if they are after the horizon, and are late if
     * not: the buffer has released up to it. Returns the horizon, or MIN_VALUE if there was nothing open.
     */
    public long closeQuiet(Consumer<RawEvent> released, Privacy privacy, TimelineOutput out) {
        if (!hasOpenWork()) {
            return Long.MIN_VALUE;
        }
        long latest = Math.max(buffer.lastPendingUs(), timeline.lastRawTsUs());
        long horizon = latest + settings.rules().gapUs();
        if (horizon < latest) {
            horizon = Long.MAX_VALUE - 1; // saturate; MAX_VALUE itself means the input ended
        }
        advanceTo(horizon, released, privacy, out);
        return horizon;
    }

    /**
     * When the device expires if nothing more is heard from it, or MAX_VALUE (never, or never heard from):
     * its idle time after its latest event, and never while an id of it is still remembered (a repeat of
     * its last event must stay a duplicate, whatever idle time the job was given).
     */
    public long expiryUs() {
        if (settings.idleUs() == DeviceSettings.NEVER || lastSeenUs == NEVER_SEEN) {
            return Long.MAX_VALUE;
        }
        long idle = Math.max(settings.idleUs(), settings.dedupRetentionUs() + 1);
        long at = lastSeenUs + idle;
        return at < lastSeenUs ? Long.MAX_VALUE : at;
    }

    /** Whether event time {@code watermarkUs} is the device's idle time past its latest event. */
    public boolean expired(long watermarkUs) {
        return watermarkUs >= expiryUs();
    }

    /**
     * The device is forgotten: everything still open closes now (released in order, as the end of input
     * would), so nothing is lost with the state the caller then clears.
     */
    public void closeAll(Consumer<RawEvent> released, Privacy privacy, TimelineOutput out) {
        buffer.release(Long.MAX_VALUE, released);
        timeline.finish(privacy, out);
    }

    /**
     * The earliest event time at which this device has work: release, a deadline, forgetting ids, or
     * expiring; {@link #advanceTo} a watermark at or after it does that work.
     */
    public long nextWakeUpUs() {
        return Math.min(Math.min(Math.min(buffer.nextReleaseUs(), timeline.nextDeadlineUs()), buffer.nextForgetUs()),
                expiryUs());
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(timerUs);
        out.writeLong(lastSeenUs);
        buffer.writeTo(out);
        timeline.writeTo(out);
    }

    /** Reads the state; {@link #bind} the job's settings and the device's stores before use. */
    public static DeviceState readFrom(DataInput in) throws IOException {
        long timer = in.readLong();
        long seen = in.readLong();
        ReorderBuffer buffer = ReorderBuffer.readFrom(in);
        DeviceState s = new DeviceState(buffer, DeviceTimeline.readFrom(in));
        s.timerUs = timer;
        s.lastSeenUs = seen;
        return s;
    }
}
