package dev.episodes.frames.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/** Writes one device's events as the contract's JSON lines (raw-events.md), times and seq advancing. */
final class Recorder {
    private static final ObjectMapper JSON = new ObjectMapper();
    final String user;
    final String device;
    final List<String> lines;
    long ts;
    long seq;
    private int ids;

    Recorder(String user, String device, long startUs, List<String> lines) {
        this.user = user;
        this.device = device;
        this.ts = startUs;
        this.lines = lines;
    }

    /** A focused element with its bounds in screen pixels. */
    record El(String role, String name, boolean secure, int x, int y, int w, int h) {}

    private ObjectNode base(String kind) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", kind);
        o.put("event_id", device + "-" + (++ids) + "-" + Long.toHexString(ts));
        o.put("user_id", user);
        o.put("device_id", device);
        o.put("ts_us", ts);
        o.put("seq", seq++);
        return o;
    }

    /** A context event; returns its ts_us. */
    long context(String app, String title, String url, El el, String ref, Integer screenW, Integer screenH) {
        ObjectNode o = base("context");
        o.put("app", app);
        o.put("window_title", title);
        if (url == null) {
            o.putNull("url");
        } else {
            o.put("url", url);
        }
        ObjectNode e = o.putObject("element");
        e.put("role", el.role());
        e.put("name", el.name());
        e.put("secure", el.secure());
        e.put("x", el.x());
        e.put("y", el.y());
        e.put("w", el.w());
        e.put("h", el.h());
        if (ref == null) {
            o.putNull("screenshot_ref");
        } else {
            o.put("screenshot_ref", ref);
        }
        if (screenW == null) {
            o.putNull("screen_w");
            o.putNull("screen_h");
        } else {
            o.put("screen_w", screenW);
            o.put("screen_h", screenH);
        }
        long at = ts;
        lines.add(o.toString());
        pause(30);
        return at;
    }

    void key(boolean down, String key, String code, String... mods) {
        ObjectNode o = base("key");
        o.put("action", down ? "down" : "up");
        o.put("key", key);
        o.put("code", code);
        var m = o.putArray("modifiers");
        for (String mod : mods) {
            m.add(mod);
        }
        lines.add(o.toString());
        ts += 1;
    }

    void type(String text) {
        type(text, Recorder::usCode);
    }

    /** Types by code points (astral characters too), {@code codes} giving the physical key of each. */
    void type(String text, Function<Integer, String> codes) {
        text.codePoints().forEach(cp -> {
            String k = new String(Character.toChars(cp));
            String code = codes.apply(cp);
            key(true, k, code);
            pause(60);
            key(false, k, code);
            pause(90);
        });
    }

    void named(String key) {
        key(true, key, key);
        pause(70);
        key(false, key, key);
        pause(120);
    }

    void click(int x, int y) {
        mouse("move", x, y, null);
        pause(120);
        mouse("down", x, y, "left");
        pause(80);
        mouse("up", x, y, "left");
        pause(200);
    }

    private void mouse(String action, int x, int y, String button) {
        ObjectNode o = base("mouse");
        o.put("action", action);
        o.put("x", x);
        o.put("y", y);
        if (button == null) {
            o.putNull("button");
        } else {
            o.put("button", button);
        }
        o.putNull("dx");
        o.putNull("dy");
        lines.add(o.toString());
        ts += 1;
    }

    void pause(long ms) {
        ts += ms * 1000;
    }

    static String usCode(int cp) {
        if (cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z') {
            return "Key" + Character.toUpperCase((char) cp);
        }
        if (cp >= '0' && cp <= '9') {
            return "Digit" + (char) cp;
        }
        return switch (cp) {
            case ' ' -> "Space";
            case '.' -> "Period";
            case '@' -> "Digit2";
            case '-' -> "Minus";
            case '_' -> "Minus";
            case '&' -> "Digit7";
            case '!' -> "Digit1";
            default -> "Unidentified";
        };
    }

    /** The physical key of a Cyrillic letter on the Russian ЙЦУКЕН layout. */
    static String russianCode(int cp) {
        String ru = "йцукенгшщзхъфывапролджэячсмитьбю";
        String us = "qwertyuiop[]asdfghjkl;'zxcvbnm,.";
        int i = ru.indexOf(Character.toLowerCase((char) cp));
        if (i < 0) {
            return usCode(cp);
        }
        char c = us.charAt(i);
        return Character.isLetter(c) ? "Key" + Character.toUpperCase(c) : switch (c) {
            case '[' -> "BracketLeft";
            case ']' -> "BracketRight";
            case ';' -> "Semicolon";
            case '\'' -> "Quote";
            case ',' -> "Comma";
            default -> "Period";
        };
    }
}
