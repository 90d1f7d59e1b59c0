package dev.episodes.pairing;

import dev.episodes.event.ContextEvent;

/**
 * Pairs steps with the UI context in effect at their first event: the latest context event of the
 * device at or before it in event time. Correct only because events reach it ordered per device,
 * so a context event that arrived seconds late has already been put back in place.
 */
public final class ContextTracker {
    private UiContext current = UiContext.UNKNOWN;

    public ContextTracker() {}

    public ContextTracker(UiContext current) {
        this.current = current;
    }

    /** Applies a context event; returns true when the focused element changed. */
    public boolean update(ContextEvent event) {
        UiContext next = UiContext.of(event);
        boolean elementChanged = !next.sameElement(current);
        current = next;
        return elementChanged;
    }

    public UiContext current() {
        return current;
    }
}
