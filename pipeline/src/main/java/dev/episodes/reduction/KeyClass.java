package dev.episodes.reduction;

import dev.episodes.event.Modifiers;
import java.util.Locale;

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
                return key.codePointCount(0, key.length()) == 1 && !Character.isISOControl(key.codePointAt(0))
                        ? PRINTABLE : NAMED;
            }
        }
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
