package dev.episodes.reduction;

import dev.episodes.event.Modifiers;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** How a key press counts in the action space. */
enum KeyClass {
    /** Shift, Control, CapsLock...: never a step on its own. */
    MODIFIER,
    /** Dead, Unidentified, Process: composition helpers that produce nothing by themselves. */
    IGNORED,
    /** A character: typed text. */
    PRINTABLE,
    /** Backspace, Delete, ArrowLeft/Right, Home, End: edits typed text. */
    EDITING,
    /** Any other named key: Enter, Tab, Escape, F-keys, PageUp/Down... */
    NAMED;

    private static final Pattern NAMED_KEY = Pattern.compile("[A-Z][A-Za-z0-9]+");
    /** What the physical keys of the US layout give without and with shift (the punctuation of the base layer). */
    private static final Map<String, String[]> US_LAYOUT = usLayout();

    private static Map<String, String[]> usLayout() {
        Map<String, String[]> m = new HashMap<>();
        String digits = "1234567890";
        String shifted = "!@#$%^&*()";
        for (int i = 0; i < digits.length(); i++) {
            m.put("Digit" + digits.charAt(i), new String[] {digits.substring(i, i + 1), shifted.substring(i, i + 1)});
            m.put("Numpad" + digits.charAt(i), new String[] {digits.substring(i, i + 1), digits.substring(i, i + 1)});
        }
        String[][] punctuation = {{"Minus", "-", "_"}, {"Equal", "=", "+"}, {"BracketLeft", "[", "{"},
            {"BracketRight", "]", "}"}, {"Backslash", "\\", "|"}, {"Semicolon", ";", ":"}, {"Quote", "'", "\""},
            {"Backquote", "`", "~"}, {"Comma", ",", "<"}, {"Period", ".", ">"}, {"Slash", "/", "?"},
            {"NumpadAdd", "+", "+"}, {"NumpadSubtract", "-", "-"}, {"NumpadMultiply", "*", "*"},
            {"NumpadDivide", "/", "/"}, {"NumpadDecimal", ".", "."}, {"Space", " ", " "}};
        for (String[] p : punctuation) {
            m.put(p[0], new String[] {p[1], p[2]});
        }
        return Map.copyOf(m);
    }

    static KeyClass of(String key) {
        switch (key) {
            case "Shift", "Control", "Alt", "Meta", "CapsLock", "AltGraph", "Fn", "FnLock", "NumLock",
                 "ScrollLock", "OS", "Super", "Hyper", "Symbol", "SymbolLock" -> {
                return MODIFIER;
            }
            case "Dead", "Unidentified", "Process", "Compose" -> {
                return IGNORED;
            }
            default -> {
                if (TextBuffer.isEditingKey(key)) {
                    return EDITING;
                }
                if (key.isEmpty()) {
                    return IGNORED;
                }
                if (NAMED_KEY.matcher(key).matches()) {
                    return NAMED; // W3C named key values: Enter, F5, MediaPlayPause...
                }
                // Anything else is what the layout produced: one or several code points (an emoji, a
                // character composed of a letter and a combining accent, an IME's commit) are text.
                return key.codePoints().anyMatch(Character::isISOControl) ? NAMED : PRINTABLE;
            }
        }
    }

    /**
     * Whether ctrl, alt or meta with this key is a shortcut rather than a character the layout produced
     * (AltGr, which Windows reports as ctrl+alt; macOS Option; an IME). Named keys always are. A printable
     * key is a shortcut when it is on the layout's base layer: an ASCII letter or digit, space, or what the
     * physical key ({@code code}) gives without modifiers (shifted, with shift held); or any single letter
     * with ctrl or meta and no alt (ctrl+c on a Cyrillic layout). Meta with anything is a shortcut:
     * Option never types while Command is held. Several code points are always text.
     */
    static boolean isShortcut(String key, String code, int modifiers) {
        if (of(key) != PRINTABLE) {
            return true;
        }
        if (key.codePointCount(0, key.length()) != 1) {
            return false;
        }
        if ((modifiers & Modifiers.META) != 0) {
            return true;
        }
        int cp = key.codePointAt(0);
        if (cp == ' ' || cp < 128 && Character.isLetterOrDigit(cp)) {
            return true;
        }
        String[] us = code == null ? null : US_LAYOUT.get(code);
        if (us != null && (key.equals(us[0]) || (modifiers & Modifiers.SHIFT) != 0 && key.equals(us[1]))) {
            return true;
        }
        return (modifiers & Modifiers.ALT) == 0 && Character.isLetter(cp);
    }

    /** episodes.md hotkey format: modifiers in the order ctrl, alt, shift, meta, then the key, lower case. */
    static String hotkey(int modifiers, String key) {
        StringBuilder sb = new StringBuilder(16);
        for (String m : Modifiers.names(modifiers)) {
            sb.append(m).append('+');
        }
        sb.append(key.equals(" ") ? "space" : key.toLowerCase(Locale.ROOT));
        return sb.toString();
    }
}
