package dev.episodes.testing;

import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A day at a real desk, not our generator's: one device's events with a clock that moves as a person
 * would type, keys with their physical {@code code} on a given keyboard layout and the modifiers that
 * platform reports (AltGr as ctrl+alt on Windows, Option as alt on macOS), focus events with URLs and
 * element bounds, and focus stamped late when a test says so.
 */
public final class Desk {
    /** A keyboard layout: which physical key and modifiers produce a character. */
    public enum Layout {
        US(Map.of()),
        /** German QWERTZ on Windows: AltGr is reported as ctrl+alt. */
        QWERTZ_WINDOWS(Map.of("@", "KeyQ", "€", "KeyE", "{", "Digit7", "[", "Digit8", "]", "Digit9", "}", "Digit0",
                "\\", "Minus", "~", "BracketRight", "|", "IntlBackslash", "µ", "KeyM")),
        /** French AZERTY on Windows. */
        AZERTY_WINDOWS(Map.of("@", "Digit0", "#", "Digit3", "€", "KeyE", "{", "Digit4", "[", "Digit5", "|", "Digit6",
                "\\", "Digit8", "^", "Digit9", "]", "Minus", "}", "Equal")),
        /** Swedish / Norwegian / Danish / Finnish on Windows. */
        NORDIC_WINDOWS(Map.of("@", "Digit2", "£", "Digit3", "$", "Digit4", "€", "Digit5", "{", "Digit7", "[", "Digit8",
                "]", "Digit9", "}", "Digit0", "\\", "Minus", "|", "IntlBackslash")),
        /** US layout on macOS: Option is reported as alt. */
        US_MAC_OPTION(Map.of("π", "KeyP", "∑", "KeyW", "ß", "KeyS", "©", "KeyG", "™", "Digit2", "¥", "KeyY",
                "ø", "KeyO", "å", "KeyA", "∂", "KeyD", "¬", "KeyL"));

        private final Map<String, String> third; // characters on the AltGr / Option layer

        Layout(Map<String, String> third) {
            this.third = third;
        }

        int thirdLevelModifiers() {
            return this == US_MAC_OPTION ? Modifiers.ALT : Modifiers.CTRL | Modifiers.ALT;
        }
    }

    private static final String US_SHIFTED = "!@#$%^&*()";
    private final List<RawEvent> events = new ArrayList<>();
    private long seq;
    private long ms;
    private Layout layout = Layout.US;

    public static Desk start() {
        return new Desk();
    }

    public Desk layout(Layout l) {
        this.layout = l;
        return this;
    }

    /** Moves the clock to {@code atMs} after the base time. */
    public Desk at(long atMs) {
        this.ms = atMs;
        return this;
    }

    public Desk pause(long pauseMs) {
        this.ms += pauseMs;
        return this;
    }

    public long now() {
        return ms;
    }

    private String id() {
        return "e" + (events.size() + 1);
    }

    public Desk focus(String app, String title, String url, String role, String name, boolean secure, int x, int y) {
        events.add(new ContextEvent(id(), Events.USER, Events.DEVICE, Events.us(ms), seq++, app, title, url,
                new Element(role, name, secure, x, y, 320, 36), "s3://frames/" + ms + ".png", 2560, 1440));
        ms += 20;
        return this;
    }

    public Desk focus(String app, String title, String role, String name, boolean secure) {
        return focus(app, title, null, role, name, secure, 100, 200);
    }

    /** A focus event stamped at an earlier or later time than the clock, without moving it. */
    public Desk focusAt(long atMs, String app, String title, String url, String role, String name, boolean secure) {
        events.add(new ContextEvent(id(), Events.USER, Events.DEVICE, Events.us(atMs), seq++, app, title, url,
                new Element(role, name, secure, 100, 200, 320, 36), null, 2560, 1440));
        return this;
    }

    /** One key press and release as the recorder reports it; the clock moves 110 ms. */
    public Desk key(String key, String code, int modifiers) {
        events.add(new KeyEvent(id(), Events.USER, Events.DEVICE, Events.us(ms), seq++, true, key, code, modifiers));
        events.add(new KeyEvent(id(), Events.USER, Events.DEVICE, Events.us(ms + 60), seq++, false, key, code, modifiers));
        ms += 110;
        return this;
    }

    public Desk enter() {
        return key("Enter", "Enter", 0);
    }

    public Desk tab() {
        return key("Tab", "Tab", 0);
    }

    /** Types text on the current layout, character by character (code points), as that keyboard reports it. */
    public Desk type(String text) {
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            String thirdCode = layout.third.get(c);
            if (thirdCode != null) {
                key(c, thirdCode, layout.thirdLevelModifiers());
            } else if (c.equals(" ")) {
                key(" ", "Space", 0);
            } else if (Character.isLetter(cp) && cp < 128) {
                String lower = c.toLowerCase(Locale.ROOT);
                key(c, "Key" + physicalLetter(lower).toUpperCase(Locale.ROOT),
                        Character.isUpperCase(cp) ? Modifiers.SHIFT : 0);
            } else if (Character.isDigit(cp) && cp < 128) {
                key(c, "Digit" + c, layout == Layout.AZERTY_WINDOWS ? Modifiers.SHIFT : 0);
            } else if (US_SHIFTED.contains(c) && layout == Layout.US) {
                key(c, "Digit" + "1234567890".charAt(US_SHIFTED.indexOf(c)), Modifiers.SHIFT);
            } else {
                key(c, "Unidentified", 0);
            }
        });
        return this;
    }

    private String physicalLetter(String lower) {
        return switch (layout) {
            case AZERTY_WINDOWS -> switch (lower) {
                case "a" -> "q";
                case "q" -> "a";
                case "z" -> "w";
                case "w" -> "z";
                default -> lower;
            };
            case QWERTZ_WINDOWS -> lower.equals("y") ? "z" : lower.equals("z") ? "y" : lower;
            default -> lower;
        };
    }

    public Desk click(int x, int y) {
        events.add(new MouseEvent(id(), Events.USER, Events.DEVICE, Events.us(ms), seq++, MouseEvent.Action.DOWN, x, y,
                MouseEvent.Button.LEFT, 0, 0));
        events.add(new MouseEvent(id(), Events.USER, Events.DEVICE, Events.us(ms + 70), seq++, MouseEvent.Action.UP, x, y,
                MouseEvent.Button.LEFT, 0, 0));
        ms += 600; // past the double-click interval
        return this;
    }

    public List<RawEvent> events() {
        List<RawEvent> sorted = new ArrayList<>(events);
        sorted.sort((a, b) -> a.tsUs() != b.tsUs() ? Long.compare(a.tsUs(), b.tsUs()) : Long.compare(a.seq(), b.seq()));
        return List.copyOf(sorted);
    }
}
