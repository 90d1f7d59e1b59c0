package dev.episodes.testing;

import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Readable fixtures: a script of one device's events at millisecond offsets from a base time, with
 * ids e1, e2... in script order so tests can name the events a step came from.
 */
public final class Events {
    public static final long T0_US = 1_764_403_200_000_000L; // 2025-11-29T08:00:00Z
    public static final String USER = "u-1042";
    public static final String DEVICE = "d-7";

    private final List<RawEvent> events = new ArrayList<>();
    private long seq;

    public static Events script() {
        return new Events();
    }

    public static long us(long ms) {
        return T0_US + ms * 1000L;
    }

    private String nextId() {
        return "e" + (events.size() + 1);
    }

    public Events context(long ms, String app, String title, String role, String name, boolean secure) {
        events.add(new ContextEvent(nextId(), USER, DEVICE, us(ms), seq++, app, title, "https://example.com/" + app,
                new Element(role, name, secure, 10, 20, 300, 40), "s3://frames/" + ms + ".png", 2560, 1440));
        return this;
    }

    public Events down(long ms, int x, int y, MouseEvent.Button b) {
        events.add(new MouseEvent(nextId(), USER, DEVICE, us(ms), seq++, MouseEvent.Action.DOWN, x, y, b, 0, 0));
        return this;
    }

    public Events up(long ms, int x, int y, MouseEvent.Button b) {
        events.add(new MouseEvent(nextId(), USER, DEVICE, us(ms), seq++, MouseEvent.Action.UP, x, y, b, 0, 0));
        return this;
    }

    public Events click(long ms, int x, int y) {
        return down(ms, x, y, MouseEvent.Button.LEFT).up(ms + 80, x, y, MouseEvent.Button.LEFT);
    }

    public Events move(long ms, int x, int y) {
        events.add(new MouseEvent(nextId(), USER, DEVICE, us(ms), seq++, MouseEvent.Action.MOVE, x, y, null, 0, 0));
        return this;
    }

    public Events wheel(long ms, int dx, int dy) {
        events.add(new MouseEvent(nextId(), USER, DEVICE, us(ms), seq++, MouseEvent.Action.WHEEL, 100, 200, null, dx,
                dy));
        return this;
    }

    public Events key(long ms, boolean down, String key, int modifiers) {
        events.add(new KeyEvent(nextId(), USER, DEVICE, us(ms), seq++, down, key, "Key", modifiers));
        return this;
    }

    /** Press and release of one key, 50 ms apart. */
    public Events press(long ms, String key, int modifiers) {
        return key(ms, true, key, modifiers).key(ms + 50, false, key, modifiers);
    }

    /** Types each character 100 ms apart (shift for upper case), starting at {@code ms}. */
    public Events type(long ms, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            press(ms + i * 100L, String.valueOf(c), Character.isUpperCase(c) ? Modifiers.SHIFT : 0);
        }
        return this;
    }

    public List<RawEvent> list() {
        return List.copyOf(events);
    }
}
