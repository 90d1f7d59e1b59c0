package dev.episodes.ordering;

import dev.episodes.event.RawEvent;
import java.util.Comparator;

/** Per-device event-time order: {@code ts_us}, then {@code seq}, then event id so ties are deterministic. */
public final class EventOrder {
    public static final Comparator<RawEvent> COMPARATOR = Comparator.comparingLong(RawEvent::tsUs)
            .thenComparingLong(RawEvent::seq)
            .thenComparing(RawEvent::eventId);

    private EventOrder() {}
}
