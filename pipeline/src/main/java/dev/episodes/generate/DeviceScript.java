package dev.episodes.generate;

import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Records what one person does on one device, as the recorder would emit it: pointer moves at up to
 * 125 Hz, presses and releases, keys with shift applied, and a context event after every focus change.
 */
final class DeviceScript {
    final String userId;
    final String deviceId;
    final Random rnd;
    final List<RawEvent> events = new ArrayList<>();
    long tsUs;
    private long seq;
    private int px = 400;
    private int py = 300;
    private String app;
    private String title;
    private String url;
    private final int screenW;
    private final int screenH;
    /** Painted screenshots, or null: then refs name the recorder's bucket and nothing is painted. */
    private Shots shots;
    /** The planted kind of the characters being typed, or null: the painter's truth follows it. */
    private String typingTag;

    DeviceScript(String userId, String deviceId, long startUs, Random rnd) {
        this.userId = userId;
        this.deviceId = deviceId;
        this.tsUs = startUs;
        this.rnd = rnd;
        this.screenW = rnd.nextBoolean() ? 2560 : 1920;
        this.screenH = screenW == 2560 ? 1440 : 1080;
    }

    /** Paints a screenshot at every context event from now on (uses no draw of {@link #rnd}). */
    Shots paint(ScreenshotSettings settings, Planted planted, long seed, java.util.List<ScreenTruth> truths) {
        shots = new Shots(settings, deviceId, screenW, screenH, planted, seed, truths);
        return shots;
    }

    String newId() {
        return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
    }

    void pause(int minMs, int maxMs) {
        tsUs += (minMs + rnd.nextInt(Math.max(1, maxMs - minMs))) * 1000L;
    }

    /** The foreground window changes (app switch, navigation); the focused element is the window. */
    void window(String newApp, String newTitle, String newUrl) {
        app = newApp;
        title = newTitle;
        url = newUrl;
        if (shots != null) {
            shots.screen.window(newApp, newTitle, newUrl);
        }
        focus("document", newTitle, false, 0, 80, screenW, screenH - 80);
    }

    void title(String newTitle) {
        title = newTitle;
        if (shots != null) {
            shots.screen.title(newTitle);
        }
        focus("document", newTitle, false, 0, 80, screenW, screenH - 80);
    }

    /** Focus moves to an element: the recorder reports it a few ms after the click that caused it. */
    void focus(String role, String name, boolean secure, int x, int y, int w, int h) {
        String eventId = newId();
        String ref = "s3://frames/" + deviceId + "/" + tsUs / 1000 + ".png";
        if (shots != null) {
            shots.screen.focus(role, name, secure, x, y, w, h);
            shots.screen.pointer(px, py);
            ref = shots.shoot(tsUs);
        }
        emit(new ContextEvent(eventId, userId, deviceId, tsUs, seq++, app, title, url,
                new Element(role, name, secure, x, y, w, h), ref, screenW, screenH));
        pause(5, 40);
    }

    /**
     * Keys now go to this element, but the recorder has not said so yet (its focus event comes later):
     * only the painted screen knows.
     */
    void focusUnreported(String role, String name, boolean secure, int x, int y, int w, int h) {
        if (shots != null) {
            shots.screen.focus(role, name, secure, x, y, w, h);
        }
    }

    void moveTo(int x, int y) {
        int steps = 3 + (int) Math.min(20, Math.hypot(x - px, y - py) / 60);
        int x0 = px;
        int y0 = py;
        for (int i = 1; i <= steps; i++) {
            pause(8, 16);
            px = x0 + (x - x0) * i / steps;
            py = y0 + (y - y0) * i / steps;
            emit(new MouseEvent(newId(), userId, deviceId, tsUs, seq++, MouseEvent.Action.MOVE, px, py, null, 0, 0));
        }
    }

    void click(int x, int y, MouseEvent.Button button) {
        moveTo(x, y);
        pause(40, 200);
        press(button);
        pause(60, 120);
        release(button);
    }

    void multiClick(int x, int y, int count) {
        moveTo(x, y);
        pause(40, 200);
        for (int i = 0; i < count; i++) {
            press(MouseEvent.Button.LEFT);
            pause(50, 90);
            release(MouseEvent.Button.LEFT);
            pause(80, 160);
        }
    }

    void drag(int fromX, int fromY, int toX, int toY) {
        moveTo(fromX, fromY);
        pause(50, 200);
        press(MouseEvent.Button.LEFT);
        moveTo(toX, toY);
        pause(50, 150);
        release(MouseEvent.Button.LEFT);
    }

    void scroll(int bursts, int dyPerTick) {
        for (int b = 0; b < bursts; b++) {
            int ticks = 2 + rnd.nextInt(6);
            for (int t = 0; t < ticks; t++) {
                emit(new MouseEvent(newId(), userId, deviceId, tsUs, seq++, MouseEvent.Action.WHEEL, px, py, null, 0,
                        dyPerTick));
                pause(15, 60);
            }
            pause(700, 2500);
        }
    }

    private void press(MouseEvent.Button b) {
        emit(new MouseEvent(newId(), userId, deviceId, tsUs, seq++, MouseEvent.Action.DOWN, px, py, b, 0, 0));
    }

    private void release(MouseEvent.Button b) {
        emit(new MouseEvent(newId(), userId, deviceId, tsUs, seq++, MouseEvent.Action.UP, px, py, b, 0, 0));
    }

    /** Types a planted secret of {@code kind}: as {@link #type}, its characters tagged for the painter's truth. */
    void typeSecret(String kind, String text, boolean typos) {
        typingTag = kind;
        try {
            type(text, typos);
        } finally {
            typingTag = null;
        }
    }

    /** Types text key by key; with {@code typos}, some keys hit a neighbour first and are backspaced. */
    void type(String text, boolean typos) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (typos && Character.isLetterOrDigit(c) && rnd.nextDouble() < 0.06) {
                typeChar(Keyboard.typoFor(c));
                pause(150, 400);
                named("Backspace", 0);
            }
            typeChar(c);
        }
    }

    void typeChar(char c) {
        boolean shift = Keyboard.shifted(c);
        int mods = shift ? Modifiers.SHIFT : 0;
        if (shift) {
            keyEvent(true, "Shift", "ShiftLeft", Modifiers.SHIFT);
            pause(20, 60);
        }
        String key = String.valueOf(c);
        keyEvent(true, key, Keyboard.code(c), mods);
        if (shots != null) {
            shots.screen.typed(c, typingTag);
        }
        pause(40, 90);
        keyEvent(false, key, Keyboard.code(c), mods);
        if (shift) {
            pause(10, 40);
            keyEvent(false, "Shift", "ShiftLeft", 0);
        }
        pause(60, 180);
    }

    /** A named key (Enter, Tab, Backspace, ArrowLeft...) with the given modifiers held. */
    void named(String key, int mods) {
        keyEvent(true, key, key, mods);
        if (shots != null && mods == 0) {
            shots.screen.key(key);
        }
        pause(50, 100);
        keyEvent(false, key, key, mods);
        pause(80, 250);
    }

    void hotkey(int mods, String key) {
        String modKey = (mods & Modifiers.META) != 0 ? "Meta" : (mods & Modifiers.CTRL) != 0 ? "Control" : "Alt";
        keyEvent(true, modKey, modKey + "Left", mods);
        pause(40, 120);
        keyEvent(true, key, key.length() == 1 ? Keyboard.code(key.charAt(0)) : key, mods);
        pause(50, 100);
        keyEvent(false, key, key.length() == 1 ? Keyboard.code(key.charAt(0)) : key, mods);
        pause(20, 60);
        keyEvent(false, modKey, modKey + "Left", 0);
        pause(100, 300);
    }

    private void keyEvent(boolean down, String key, String code, int mods) {
        emit(new KeyEvent(newId(), userId, deviceId, tsUs, seq++, down, key, code, mods));
    }

    private void emit(RawEvent e) {
        events.add(e);
        tsUs += 1; // strictly increasing times keep the script's own order unambiguous
    }
}
