package dev.episodes.ordering;

import dev.episodes.event.RawEvent;
import dev.episodes.snapshot.EventIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Puts one device's events back in event-time order and drops repeats. Events wait until the device's
 * own event time ({@link DeviceClock}: its latest accepted time less the out-of-orderness, bounded by
 * the global watermark) passes them, then leave in {@link EventOrder}. An event is late only when it is
 * at or before what this device has released, never because other devices' clocks run ahead: a device
 * whose clock is minutes behind keeps its events. Ids of released events are remembered for
 * {@code dedupRetentionUs} of event time behind the watermark, so dedup state stays bounded; a repeat
 * arriving after that is older than anything still orderable and is reported late, never lost.
 * Ids are kept as 64-bit hashes ({@link IdHashes}): a tenth of the memory of the strings.
 * Times in this class are the device's, except where a method says global watermark.
 */
public final class ReorderBuffer {
    private static final long NOTHING_RELEASED = Long.MIN_VALUE;
    /** The contract's bound (raw-events.md) for buffers built without one. */
    public static final long CONTRACT_OUT_OF_ORDERNESS_US = 10_000_000L;
    // Written first since the per-device clock; the layout before began with the (non-negative) retention.
    private static final long FORMAT_DEVICE_CLOCK = -2L;

    private final long dedupRetentionUs;
    private final PendingEvents pending = new PendingEvents();
    private final IdHashes pendingIds = new IdHashes();
    private final ArrayDeque<Released> released = new ArrayDeque<>();
    private final IdHashes releasedIds = new IdHashes();
    private DeviceClock clock; // replaced only when old state is read
    private long releasedUpToUs = NOTHING_RELEASED; // device time: what was released and expired up to

    private record Released(long tsUs, long idHash) {}

    public ReorderBuffer(long dedupRetentionUs) {
        this(dedupRetentionUs, CONTRACT_OUT_OF_ORDERNESS_US);
    }

    public ReorderBuffer(long dedupRetentionUs, long outOfOrdernessUs) {
        this(dedupRetentionUs, new DeviceClock(outOfOrdernessUs));
    }

    private ReorderBuffer(long dedupRetentionUs, DeviceClock clock) {
        this.dedupRetentionUs = dedupRetentionUs;
        this.clock = clock;
    }

    public Admission offer(RawEvent event) {
        clock.heard();
        long id = IdHashes.of(event.eventId());
        if (pendingIds.contains(id) || releasedIds.contains(id)) {
            return Admission.DUPLICATE;
        }
        if (event.tsUs() <= releasedUpToUs) {
            return Admission.LATE;
        }
        pending.add(event, id);
        pendingIds.add(id);
        clock.accepted(event.tsUs());
        return Admission.ACCEPTED;
    }

    /**
     * The global watermark reached {@code watermarkUs}: releases up to the device's time there and
     * returns that time (never after the watermark; MAX_VALUE at the end of input).
     */
    public long advance(long watermarkUs, Consumer<RawEvent> out) {
        clock.seen(watermarkUs);
        long deviceUs = clock.at(watermarkUs);
        release(deviceUs, out);
        return releasedUpToUs;
    }

    /** The device's time while the global watermark is at {@code watermarkUs}. */
    public long deviceTimeUs(long watermarkUs) {
        return clock.at(watermarkUs);
    }

    /**
     * The smallest global watermark at which the device's time reaches {@code deviceUs} (MAX_VALUE:
     * never needed). Device time only moves with the global watermark between arrivals, so a timer
     * there finds the work of {@code deviceUs} due, and the next wake-up after it is later still.
     */
    public long watermarkForUs(long deviceUs) {
        return clock.watermarkFor(deviceUs);
    }

    /** Device time released up to: an event at or before it is late. */
    public long releasedUpToUs() {
        return releasedUpToUs;
    }

    /** Releases, in order, every event at or before device time {@code watermarkUs}, then forgets old ids. */
    public void release(long watermarkUs, Consumer<RawEvent> out) {
        while (!pending.isEmpty() && pending.first().tsUs() <= watermarkUs) {
            RawEvent e = pending.first();
            long id = pending.firstHash();
            pending.removeFirst();
            pendingIds.remove(id);
            released.addLast(new Released(e.tsUs(), id));
            releasedIds.add(id);
            out.accept(e);
        }
        releasedUpToUs = Math.max(releasedUpToUs, watermarkUs);
        while (!released.isEmpty() && (watermarkUs == Long.MAX_VALUE || forgetAtUs(released.peekFirst()) <= watermarkUs)) {
            releasedIds.remove(released.pollFirst().idHash());
        }
    }

    /** Event time of the earliest waiting event, or MAX_VALUE. */
    public long nextReleaseUs() {
        return pending.isEmpty() ? Long.MAX_VALUE : pending.first().tsUs();
    }

    /** Event time of the latest waiting event, or MIN_VALUE. */
    public long lastPendingUs() {
        return pending.isEmpty() ? Long.MIN_VALUE : pending.lastTime();
    }

    /**
     * The earliest watermark at which {@link #release} forgets an id, or MAX_VALUE: always after the
     * watermark last released to, so a timer armed here makes progress when it fires.
     */
    public long nextForgetUs() {
        return released.isEmpty() ? Long.MAX_VALUE : forgetAtUs(released.peekFirst());
    }

    // An id is remembered while the watermark is within the retention of its event: forgotten from
    // ts + retention + 1 on. The same expression decides forgetting and the wake-up for it; when they
    // disagreed by one microsecond (< against ts + retention), a timer re-armed itself at the watermark
    // that fired it and spun forever (issue 12).
    private long forgetAtUs(Released r) {
        long at = r.tsUs() + dedupRetentionUs + 1;
        return at < r.tsUs() ? Long.MAX_VALUE : at; // saturate: an absurd retention never wraps around
    }

    public int rememberedCount() {
        return releasedIds.size();
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(FORMAT_DEVICE_CLOCK);
        out.writeLong(dedupRetentionUs);
        out.writeLong(clock.outOfOrdernessUs());
        out.writeLong(clock.maxUs());
        out.writeLong(clock.arrivalWatermarkUs());
        out.writeLong(releasedUpToUs);
        out.writeInt(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            EventIO.write(out, pending.get(i));
        }
        out.writeInt(released.size());
        for (Released r : released) {
            out.writeLong(r.tsUs());
            out.writeLong(r.idHash());
        }
    }

    public static ReorderBuffer readFrom(DataInput in) throws IOException {
        long first = in.readLong();
        if (first != FORMAT_DEVICE_CLOCK) {
            return readGlobalClockLayout(first, in);
        }
        long retention = in.readLong();
        long outOfOrderness = in.readLong();
        long maxUs = in.readLong();
        long arrival = in.readLong();
        ReorderBuffer b = new ReorderBuffer(retention, new DeviceClock(outOfOrderness, maxUs, arrival));
        b.releasedUpToUs = in.readLong();
        b.readEvents(in);
        return b;
    }

    /**
     * State written before the per-device clock (released up to the global watermark): its latest
     * event is the device's largest time, and it counts as arriving at what was released, so the device's
     * time starts no later than it would have and nothing that was in order becomes late.
     */
    private static ReorderBuffer readGlobalClockLayout(long retention, DataInput in) throws IOException {
        ReorderBuffer b = new ReorderBuffer(retention);
        b.releasedUpToUs = in.readLong();
        b.readEvents(in);
        long maxUs = !b.pending.isEmpty() ? b.pending.lastTime()
                : !b.released.isEmpty() ? b.released.peekLast().tsUs() : DeviceClock.UNKNOWN;
        b.clock = new DeviceClock(CONTRACT_OUT_OF_ORDERNESS_US, maxUs,
                maxUs == DeviceClock.UNKNOWN ? DeviceClock.UNKNOWN : b.releasedUpToUs);
        return b;
    }

    private void readEvents(DataInput in) throws IOException {
        ReorderBuffer b = this;
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            RawEvent e = EventIO.read(in);
            long id = IdHashes.of(e.eventId());
            b.pending.add(e, id);
            b.pendingIds.add(id);
        }
        int m = in.readInt();
        for (int i = 0; i < m; i++) {
            Released r = new Released(in.readLong(), in.readLong());
            b.released.addLast(r);
            b.releasedIds.add(r.idHash());
        }
    }
}
