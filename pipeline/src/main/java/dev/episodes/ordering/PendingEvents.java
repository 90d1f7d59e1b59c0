package dev.episodes.ordering;

import dev.episodes.event.RawEvent;
import java.util.Arrays;

/**
 * Events waiting for the watermark, kept sorted in {@link EventOrder} in a plain array, with each
 * event's id hash beside it. Events nearly always arrive in order, so an append is the common case and
 * a late one is inserted near the tail; a tree map paid a rebalance and an allocation for every event.
 */
final class PendingEvents {
    private RawEvent[] events = new RawEvent[8];
    private long[] hashes = new long[8];
    private long[] times = new long[8]; // tsUs beside each event: compared without a megamorphic call
    private int head;
    private int tail; // exclusive; live entries are [head, tail)

    int size() {
        return tail - head;
    }

    boolean isEmpty() {
        return tail == head;
    }

    void add(RawEvent e, long hash) {
        if (tail == events.length) {
            makeRoom();
        }
        long ts = e.tsUs();
        int at = tail;
        if (at > head && after(at - 1, e, ts)) {
            int lo = head;
            int hi = tail - 1; // the first entry after e lies in [lo, hi]
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (after(mid, e, ts)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            at = lo;
        }
        if (at < tail) {
            System.arraycopy(events, at, events, at + 1, tail - at);
            System.arraycopy(hashes, at, hashes, at + 1, tail - at);
            System.arraycopy(times, at, times, at + 1, tail - at);
        }
        events[at] = e;
        hashes[at] = hash;
        times[at] = ts;
        tail++;
    }

    /** Whether entry {@code i} comes after {@code e} in {@link EventOrder}: times first, the rest on ties. */
    private boolean after(int i, RawEvent e, long ts) {
        long t = times[i];
        return t != ts ? t > ts : EventOrder.COMPARATOR.compare(events[i], e) > 0;
    }

    /** The latest waiting event time (the array is in order). */
    long lastTime() {
        return times[tail - 1];
    }

    RawEvent first() {
        return events[head];
    }

    long firstHash() {
        return hashes[head];
    }

    void removeFirst() {
        events[head++] = null;
        if (head == tail) {
            head = 0;
            tail = 0;
            if (events.length > 256) {
                events = new RawEvent[8]; // an idle device gives its buffer back
                hashes = new long[8];
                times = new long[8];
            }
        }
    }

    RawEvent get(int i) {
        return events[head + i];
    }

    /** Compacts to the front, growing only when the live entries fill most of the array. */
    private void makeRoom() {
        int n = size();
        if (n * 2 > events.length) {
            events = Arrays.copyOf(events, events.length * 2);
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
            times = Arrays.copyOf(times, times.length * 2);
        }
        System.arraycopy(events, head, events, 0, n);
        System.arraycopy(hashes, head, hashes, 0, n);
        System.arraycopy(times, head, times, 0, n);
        Arrays.fill(events, n, tail, null);
        head = 0;
        tail = n;
    }
}
