package dev.episodes.device;

import dev.episodes.event.RawEvent;
import dev.episodes.ordering.ReorderBuffer;
import dev.episodes.session.SessionRules;
import dev.episodes.session.SessionRulesIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * All per-device state: the reorder buffer in front of the timeline, and the event time of the one
 * timer the operator keeps registered (so it registers a new one only when it must be earlier).
 */
public final class DeviceState {
    public static final long NO_TIMER = Long.MAX_VALUE;

    private final SessionRules rules;
    private final ReorderBuffer buffer;
    private final DeviceTimeline timeline;
    private long timerUs = NO_TIMER;

    public DeviceState(SessionRules rules, long dedupRetentionUs) {
        this(rules, new ReorderBuffer(dedupRetentionUs), new DeviceTimeline(rules));
    }

    private DeviceState(SessionRules rules, ReorderBuffer buffer, DeviceTimeline timeline) {
        this.rules = rules;
        this.buffer = buffer;
        this.timeline = timeline;
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
        long horizon = latest + rules.gapUs();
        if (horizon < latest) {
            horizon = Long.MAX_VALUE - 1; // saturate; MAX_VALUE itself means the input ended
        }
        advanceTo(horizon, released, privacy, out);
        return horizon;
    }

    /**
     * The earliest event time at which this device has work: release, a deadline, or forgetting ids;
     * {@link #advanceTo} a watermark at or after it does that work.
     */
    public long nextWakeUpUs() {
        return Math.min(Math.min(buffer.nextReleaseUs(), timeline.nextDeadlineUs()), buffer.nextForgetUs());
    }

    public void writeTo(DataOutput out) throws IOException {
        SessionRulesIO.write(out, rules);
        out.writeLong(timerUs);
        buffer.writeTo(out);
        timeline.writeTo(out);
    }

    public static DeviceState readFrom(DataInput in) throws IOException {
        SessionRules rules = SessionRulesIO.read(in);
        long timer = in.readLong();
        ReorderBuffer buffer = ReorderBuffer.readFrom(in);
        DeviceState s = new DeviceState(rules, buffer, DeviceTimeline.readFrom(in, rules));
        s.timerUs = timer;
        return s;
    }
}
