package dev.episodes.ordering;

import dev.episodes.event.RawEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Puts one device's events back in event-time order and drops repeats. Events wait until the
 * watermark passes them, then leave in {@link EventOrder}. Ids of released events are remembered for
 * {@code dedupRetentionUs} of event time behind the watermark, so dedup state stays bounded; a repeat
 * arriving after that is older than anything still orderable and is reported late, never lost.
 * Ids are kept as 64-bit hashes ({@link IdHashes}): a tenth of the memory of the strings.
 *
 * <p>The waiting events ({@link WaitingEvents}) and the ids of waiting and released events
 * ({@link SeenIds}) are stores of their own (in a job: keyed list and map state): an event looks up one
 * id and appends itself, so the state every event reads and writes is a few counts and times, whatever
 * the retention keeps and however many events wait.
 */
public final class ReorderBuffer {
    private static final long NOTHING_RELEASED = Long.MIN_VALUE;
    private static final long NONE = Long.MAX_VALUE;
    /**
     * What {@link SeenIds} holds for an id still waiting: no event time the decoders let through is this,
     * and as the latest possible time it never is the earliest a sweep returns while released ids remain.
     */
    static final long WAITING = Long.MAX_VALUE - 1;

    private long dedupRetentionUs; // configuration, bound by the job: not written with the state
    private SeenIds seen; // stores of their own, bound by the job: not written with the state
    private WaitingEvents waiting;
    private int waitingCount;
    private long earliestWaitingUs = NONE;
    private long latestWaitingUs = Long.MIN_VALUE;
    private long releasedUpToUs = NOTHING_RELEASED;
    /** Event time of the earliest released id in {@link #seen} (after the last sweep), or NONE. */
    private long oldestSeenUs = NONE;
    private long lastSweepUs = NOTHING_RELEASED;

    public ReorderBuffer(long dedupRetentionUs) {
        this(dedupRetentionUs, SeenIds.inMemory(), WaitingEvents.inMemory());
    }

    public ReorderBuffer(long dedupRetentionUs, SeenIds seen, WaitingEvents waiting) {
        this.dedupRetentionUs = dedupRetentionUs;
        this.seen = seen;
        this.waiting = waiting;
    }

    /** The job's dedup retention and the stores (restored state carries none of them). */
    public ReorderBuffer bind(long retentionUs, SeenIds ids, WaitingEvents events) {
        this.dedupRetentionUs = retentionUs;
        this.seen = ids;
        this.waiting = events;
        return this;
    }

    public SeenIds seenIds() {
        return seen;
    }

    public WaitingEvents waitingEvents() {
        return waiting;
    }

    /**
     * Event time reached {@code watermarkUs} with nothing of this device due (its wake-ups came first): the
     * released time moves with it, so lateness and forgetting are decided against event time, not against
     * when this device last woke up.
     */
    public void catchUp(long watermarkUs) {
        long upTo = waitingCount > 0 && earliestWaitingUs <= watermarkUs ? earliestWaitingUs - 1 : watermarkUs;
        releasedUpToUs = Math.max(releasedUpToUs, upTo);
    }

    public Admission offer(RawEvent event) {
        long id = IdHashes.of(event.eventId());
        long known = seen.tsOf(id);
        if (known == WAITING || remembered(known)) {
            return Admission.DUPLICATE;
        }
        if (event.tsUs() <= releasedUpToUs) {
            return Admission.LATE;
        }
        waiting.add(event);
        seen.put(id, WAITING);
        waitingCount++;
        earliestWaitingUs = Math.min(earliestWaitingUs, event.tsUs());
        latestWaitingUs = Math.max(latestWaitingUs, event.tsUs());
        return Admission.ACCEPTED;
    }

    /** Releases, in order, every event at or before the watermark, then frees forgotten ids when due. */
    public void release(long watermarkUs, Consumer<RawEvent> out) {
        if (waitingCount > 0 && earliestWaitingUs <= watermarkUs) {
            WaitingEvents.Taken taken = waiting.takeUpTo(watermarkUs);
            waitingCount = taken.left();
            earliestWaitingUs = taken.left() == 0 ? NONE : taken.earliestLeftUs();
            latestWaitingUs = taken.left() == 0 ? Long.MIN_VALUE : taken.latestLeftUs();
            for (RawEvent e : taken.released()) {
                seen.put(IdHashes.of(e.eventId()), e.tsUs());
                oldestSeenUs = Math.min(oldestSeenUs, e.tsUs());
                out.accept(e);
            }
        }
        releasedUpToUs = Math.max(releasedUpToUs, watermarkUs);
        if (oldestSeenUs != NONE && releasedUpToUs >= nextForgetUs()) {
            oldestSeenUs = seen.sweep(ts -> ts != WAITING && !remembered(ts));
            lastSweepUs = releasedUpToUs;
        }
    }

    /** Event time of the earliest waiting event, or MAX_VALUE. */
    public long nextReleaseUs() {
        return waitingCount == 0 ? Long.MAX_VALUE : earliestWaitingUs;
    }

    /** Event time of the latest waiting event, or MIN_VALUE. */
    public long lastPendingUs() {
        return waitingCount == 0 ? Long.MIN_VALUE : latestWaitingUs;
    }

    /**
     * The earliest watermark at which {@link #release} frees forgotten ids, or MAX_VALUE: when the oldest
     * id is forgotten, but at most every half retention (a sweep visits every id). Always after the
     * watermark last released to, so a timer armed here makes progress when it fires.
     */
    public long nextForgetUs() {
        if (oldestSeenUs == NONE) {
            return Long.MAX_VALUE;
        }
        long due = forgetAtUs(oldestSeenUs);
        if (lastSweepUs != NOTHING_RELEASED) {
            long spaced = lastSweepUs + Math.max(1, dedupRetentionUs / 2);
            due = Math.max(due, spaced < lastSweepUs ? Long.MAX_VALUE : spaced);
        }
        return due;
    }

    /** Whether an id released at {@code tsUs} is still remembered at the watermark released to. */
    private boolean remembered(long tsUs) {
        if (tsUs == SeenIds.ABSENT || tsUs == WAITING) {
            return false;
        }
        return releasedUpToUs != Long.MAX_VALUE && forgetAtUs(tsUs) > releasedUpToUs;
    }

    // An id is remembered while the watermark is within the retention of its event: forgotten from
    // ts + retention + 1 on. The same expression decides forgetting and the wake-up for it; when they
    // disagreed by one microsecond (< against ts + retention), a timer re-armed itself at the watermark
    // that fired it and spun forever (issue 12).
    private long forgetAtUs(long tsUs) {
        long at = tsUs + dedupRetentionUs + 1;
        return at < tsUs ? Long.MAX_VALUE : at; // saturate: an absurd retention never wraps around
    }

    /** Released ids still remembered (visits them all: for tests). */
    public int rememberedCount() {
        return seen.count(this::remembered);
    }

    /** Events waiting for the watermark. */
    public int waitingCount() {
        return waitingCount;
    }

    /** The small part: counts and times; the events and ids are in their stores. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(releasedUpToUs);
        out.writeLong(oldestSeenUs);
        out.writeLong(lastSweepUs);
        out.writeInt(waitingCount);
        out.writeLong(earliestWaitingUs);
        out.writeLong(latestWaitingUs);
    }

    /** Reads the state; {@link #bind} the retention and the stores before use. */
    public static ReorderBuffer readFrom(DataInput in) throws IOException {
        ReorderBuffer b = new ReorderBuffer(0L, null, null);
        b.releasedUpToUs = in.readLong();
        b.oldestSeenUs = in.readLong();
        b.lastSweepUs = in.readLong();
        b.waitingCount = in.readInt();
        b.earliestWaitingUs = in.readLong();
        b.latestWaitingUs = in.readLong();
        return b;
    }
}
