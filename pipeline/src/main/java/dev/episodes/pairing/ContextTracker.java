package dev.episodes.pairing;

import dev.episodes.event.ContextEvent;
import dev.episodes.redaction.SecretInputs;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Pairs steps with the UI context in effect at their first event: the latest context event of the
 * device at or before it in event time. Correct only because events reach it ordered per device,
 * so a context event that arrived seconds late has already been put back in place.
 *
 * <p>An element is secure when the platform says so or when its role, name, window title or URL say
 * it takes a secret ({@link SecretInputs}). An element that was secure once stays secure while its
 * window stays (app and title), keyed by role and name, not pixels: a show-password toggle flips the
 * platform's flag off and may move the field, but what is typed there is still a password.
 */
public final class ContextTracker {
    private UiContext current = UiContext.UNKNOWN;
    private final Set<String> secureInWindow = new HashSet<>();

    public ContextTracker() {}

    public ContextTracker(UiContext current, Set<String> secureInWindow) {
        this.current = current;
        for (String key : secureInWindow) { // state written before keys dropped the element's pixels had them
            String[] parts = key.split("\u0000", -1);
            this.secureInWindow.add(parts.length > 2 ? parts[0] + '\u0000' + parts[1] : key);
        }
    }

    /** Applies a context event; returns true when the focused element changed. */
    public boolean update(ContextEvent event) {
        return update(event, SecretInputs.standard());
    }

    /** Applies a context event, recognising secret-taking fields by {@code secrets}. */
    public boolean update(ContextEvent event, SecretInputs secrets) {
        UiContext next = UiContext.of(event);
        if (!next.secure() && secrets.takesSecret(next)) {
            next = next.asSecure();
        }
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
        return c.elementRole() + '\u0000' + c.elementName();
    }
}
