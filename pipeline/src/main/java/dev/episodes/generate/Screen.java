package dev.episodes.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What one device's screen shows as its script runs, for the painter: the foreground window (a desktop app
 * keeps its window, so text typed earlier is still there on a return; a browser address loads afresh),
 * the fields focused in it and what was typed into each, key by key, with every planted character tagged
 * by its kind. Focus here is where keys really go, which the recorder may report late.
 */
final class Screen {
    final int screenW;
    final int screenH;
    final int scale;
    final Planted planted;
    private final Random paint;
    private final Map<String, Window> windows = new LinkedHashMap<>();
    final List<String> apps = new ArrayList<>();
    Window current;
    Field focus;
    int px;
    int py;

    Screen(int screenW, int screenH, int scale, Planted planted, Random paint) {
        this.screenW = screenW;
        this.screenH = screenH;
        this.scale = scale;
        this.planted = planted;
        this.paint = paint;
    }

    static final class Window {
        final String app;
        final String url;
        String title;
        final Map<String, Field> fields = new LinkedHashMap<>();

        Window(String app, String url) {
            this.app = app;
            this.url = url;
        }
    }

    /** A focusable element at its bounds and its text; {@code tags} holds a planted kind (or null) per char. */
    static final class Field {
        final String role;
        final String name;
        final boolean secure;
        final int x;
        final int y;
        final int w;
        final int h;
        /** A secure field whose show-password toggle is on: plaintext drawn, as the person sees it. */
        final boolean shown;
        final StringBuilder text = new StringBuilder();
        final List<String> tags = new ArrayList<>();
        int caret;

        Field(String role, String name, boolean secure, int x, int y, int w, int h, boolean shown) {
            this.role = role;
            this.name = name;
            this.secure = secure;
            this.x = x;
            this.y = y;
            this.w = w;
            this.h = h;
            this.shown = shown;
        }

        boolean multiLine() {
            return h >= 100;
        }
    }

    /** A desktop app (no URL) comes back as it was left; a browser address is a page load, fresh. */
    void window(String app, String title, String url) {
        current = url == null ? windows.computeIfAbsent(app, k -> new Window(app, null)) : new Window(app, url);
        current.title = title;
        if (!apps.contains(app)) {
            apps.add(app);
        }
    }

    void title(String title) {
        current.title = title;
    }

    void focus(String role, String name, boolean secure, int x, int y, int w, int h) {
        String key = role + "@" + x + "," + y + "," + w + "," + h;
        focus = current.fields.computeIfAbsent(key, k -> new Field(role, name, secure, x, y, w, h,
                secure && paint.nextInt(3) == 0));
    }

    void pointer(int x, int y) {
        px = x;
        py = y;
    }

    void typed(char c, String tag) {
        if (focus == null) {
            return;
        }
        focus.text.insert(focus.caret, c);
        focus.tags.add(focus.caret, tag);
        focus.caret++;
    }

    void key(String key) {
        Field f = focus;
        if (f == null) {
            return;
        }
        switch (key) {
            case "Backspace" -> {
                if (f.caret > 0) {
                    f.caret--;
                    f.text.deleteCharAt(f.caret);
                    f.tags.remove(f.caret);
                }
            }
            case "ArrowLeft" -> f.caret = Math.max(0, f.caret - 1);
            case "ArrowRight" -> f.caret = Math.min(f.text.length(), f.caret + 1);
            case "Home" -> f.caret = f.text.lastIndexOf("\n", f.caret - 1) + 1;
            case "End" -> {
                int nl = f.text.indexOf("\n", f.caret);
                f.caret = nl < 0 ? f.text.length() : nl;
            }
            case "Enter" -> {
                if (f.multiLine()) {
                    typed('\n', null);
                } else if (f.name.startsWith("Message")) { // a chat sends the message: the field empties
                    f.text.setLength(0);
                    f.tags.clear();
                    f.caret = 0;
                }
            }
            default -> { } // Tab, Escape, arrows up/down: focus or selection changes, no text
        }
    }
}
