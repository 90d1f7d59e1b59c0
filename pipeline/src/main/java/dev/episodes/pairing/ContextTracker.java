package dev.episodes.pairing;

import dev.episodes.event.ContextEvent;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Pairs steps with the UI context in effect at their first event: the latest context event of the
 * device at or before it in event time. Correct only because events reach it ordered per device,
 * so a context event that arrived seconds late has already been put back in place.
 *
 * <p>An element that was secure once stays secure while its window stays (app and title): a
 * show-password toggle flips the platform's flag off, but what is typed there is still a password.
 */
public final class ContextTracker {
    private UiContext current = UiContext.UNKNOWN;
    private final Set<String> secureInWindow = new HashSet<>();

    public ContextTracker() {}

    public ContextTracker(UiContext current, Set<String> secureInWindow) {
        this.current = current;
        this.secureInWindow.addAll(secureInWindow);
    }

    /** Applies a context event; returns true when the focused element changed. */
    public boolean update(ContextEvent event) {
        UiContext next = UiContext.of(event);
        if (!Objects.equals(next.app(), current.app()) || !Objects.equals(next.windowTitle(), current.windowTitle())) {
            secureInWindow.clear();
        }
        String element = elementKey(next);
        if (next.secure()) {
            secureInWindow.add(element);
        } else if (secureInWindow.contains(element)) {
            next = next.asSecure();
        }
        boolean elementChanged = !next.sameElement(current);
        current = next;
        return elementChanged;
    }

    public UiContext current() {
        return current;
    }

    public Set<String> secureInWindow() {
        return Set.copyOf(secureInWindow);
    }

    private static String elementKey(UiContext c) {
        return c.elementRole() + '\u0000' + c.elementName() + '\u0000' + c.elementX() + '\u0000' + c.elementY();
    }
}
