package dev.episodes.event;

import java.util.ArrayList;
import java.util.List;

/** Modifier keys as bits, in the order the hotkey format names them: ctrl, alt, shift, meta. */
public final class Modifiers {
    public static final int CTRL = 1;
    public static final int ALT = 2;
    public static final int SHIFT = 4;
    public static final int META = 8;
    private static final String[] NAMES = {"ctrl", "alt", "shift", "meta"};

    private Modifiers() {}

    /** The bit of a wire name ({@code shift}, {@code ctrl}, {@code alt}, {@code meta}), or -1. */
    public static int bitOf(String name) {
        return switch (name) {
            case "ctrl" -> CTRL;
            case "alt" -> ALT;
            case "shift" -> SHIFT;
            case "meta" -> META;
            default -> -1;
        };
    }

    /** True when a command modifier (ctrl, alt or meta) is held: the key press is a hotkey. */
    public static boolean hasCommand(int bits) {
        return (bits & (CTRL | ALT | META)) != 0;
    }

    public static List<String> names(int bits) {
        List<String> out = new ArrayList<>(4);
        for (int i = 0; i < NAMES.length; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out;
    }
}
