package dev.episodes.ordering;

import dev.episodes.event.RawEvent;
import dev.episodes.snapshot.EventIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Puts one device's events back in event-time order and drops repeats. Events wait until the
 * watermark passes them, then leave in {@link EventOrder}. Ids of released events are remembered for
 * {@code dedupRetentionUs} of event time behind the watermark, so dedup state stays bounded; a repeat
 * arriving after that is older than anything still orderable and is reported late, never lost.
 * Ids are kept as 64-bit hashes ({@link IdHashes}): a tenth of the memory of the strings.
 */
public final class ReorderBuffer {
    private static final long NOTHING_RELEASED = Long.MIN_VALUE;

    private long dedupRetentionUs; // configuration, bound by the job: not written with the state
    private final PendingEvents pending = new PendingEvents();
    private final IdHashes pendingIds = new IdHashes();
    private final ArrayDeque<Released> released = new ArrayDeque<>();
    private final IdHashes releasedIds = new IdHashes();
    private long releasedUpToUs = NOTHING_RELEASED;

    private record Released(long tsUs, long idHash) {}

    public ReorderBuffer(long dedupRetentionUs) {
        this.dedupRetentionUs = dedupRetentionUs;
    }

    /** The job's dedup retention (restored state carries none). */
    public void retentionUs(long us) {
        this.dedupRetentionUs = us;
    }

    public Admission offer(RawEvent event) {
        long id = IdHashes.of(event.eventId());
        if (pendingIds.contains(id) || releasedIds.contains(id)) {
            return Admission.DUPLICATE;
        }
        if (event.tsUs() <= releasedUpToUs) {
            return Admission.LATE;
        }
        pending.add(event, id);
        pendingIds.add(id);
        return Admission.ACCEPTED;
    }

    /** Releases, in order, every event at or before the watermark, then forgets old ids. */
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

    /** Reads the state; bind the retention with {@link #retentionUs(long)}. */
    public static ReorderBuffer readFrom(DataInput in) throws IOException {
        ReorderBuffer b = new ReorderBuffer(0L);
        b.releasedUpToUs = in.readLong();
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
        return b;
    }
}
