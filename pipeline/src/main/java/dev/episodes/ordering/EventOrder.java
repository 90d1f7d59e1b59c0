package dev.episodes.ordering;

import dev.episodes.event.RawEvent;
import java.util.Comparator;

/** Per-device event-time order: {@code ts_us}, then {@code seq}, then event id so ties are deterministic. */
public final class EventOrder {
    public static final Comparator<RawEvent> COMPARATOR = EventOrder::compare;

    /**
     * Written out rather than chained ({@code comparingLong(..).thenComparingLong(..).thenComparing(..)}):
     * inserting an out-of-order event binary-searches the waiting ones with it, and the chain of lambdas
     * was 3% of a replay's samples.
     */
    private static int compare(RawEvent a, RawEvent b) {
        int c = Long.compare(a.tsUs(), b.tsUs());
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.seq(), b.seq());
        return c != 0 ? c : a.eventId().compareTo(b.eventId());
    }

    private EventOrder() {}
}
