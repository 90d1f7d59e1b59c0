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
        int at = tail;
        if (at > head && EventOrder.COMPARATOR.compare(events[at - 1], e) > 0) {
            int lo = head;
            int hi = tail - 1; // the first entry after e lies in [lo, hi]
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (EventOrder.COMPARATOR.compare(events[mid], e) > 0) {
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
        }
        events[at] = e;
        hashes[at] = hash;
        tail++;
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
        }
        System.arraycopy(events, head, events, 0, n);
        System.arraycopy(hashes, head, hashes, 0, n);
        Arrays.fill(events, n, tail, null);
        head = 0;
        tail = n;
    }
}
