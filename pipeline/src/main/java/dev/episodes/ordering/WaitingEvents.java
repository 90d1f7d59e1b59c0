package dev.episodes.ordering;

import dev.episodes.event.RawEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A device's events waiting for the watermark, in a store of their own, in any order: an event appends
 * one, a release (once per advance of event time) reads them all, sorts them and puts back the ones the
 * watermark has not passed. An event's cost does not grow with how many wait; in a replay, where event
 * time runs far ahead of the clock between two watermarks, thousands may.
 */
public interface WaitingEvents {
    void add(RawEvent event);

    /** Every waiting event, in no particular order, in a new list the caller may change. */
    List<RawEvent> all();

    /** The events still waiting after a release. */
    void replace(List<RawEvent> rest);

    /** What a release took, in {@link EventOrder}, and the event times of what is left. */
    record Taken(List<RawEvent> released, int left, long earliestLeftUs, long latestLeftUs) {}

    /**
     * Removes and returns, in {@link EventOrder}, every waiting event at or before {@code upToUs}. This one
     * reads them all, sorts them and writes back the rest; a store that keeps them sorted hands back a
     * prefix instead (an event waits through about 50 releases at 10 s out-of-orderness and 200 ms
     * watermarks: sorting and copying all of them at each was a tenth of the keyed stage).
     */
    default Taken takeUpTo(long upToUs) {
        List<RawEvent> all = all();
        all.sort(EventOrder.COMPARATOR);
        int k = 0;
        while (k < all.size() && all.get(k).tsUs() <= upToUs) {
            k++;
        }
        List<RawEvent> rest = new ArrayList<>(all.subList(k, all.size()));
        replace(rest);
        return taken(new ArrayList<>(all.subList(0, k)), rest);
    }

    /** {@code released}, and the times of {@code left} (sorted by {@link EventOrder}: time first). */
    static Taken taken(List<RawEvent> released, List<RawEvent> left) {
        return left.isEmpty() ? new Taken(released, 0, Long.MAX_VALUE, Long.MIN_VALUE)
                : new Taken(released, left.size(), left.get(0).tsUs(), left.get(left.size() - 1).tsUs());
    }

    /** A list on the heap: for tests, offline use and anything without a state backend. */
    static WaitingEvents inMemory() {
        return new WaitingEvents() {
            private final List<RawEvent> events = new ArrayList<>();

            @Override
            public void add(RawEvent event) {
                events.add(event);
            }

            @Override
            public List<RawEvent> all() {
                return new ArrayList<>(events);
            }

            @Override
            public void replace(List<RawEvent> rest) {
                events.clear();
                events.addAll(rest);
            }
        };
    }
}
