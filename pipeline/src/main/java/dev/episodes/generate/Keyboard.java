package dev.episodes.generate;

/** The W3C {@code code} of a character on a US layout, and whether shift produces it. */
final class Keyboard {
    private static final String SHIFTED = "~!@#$%^&*()_+{}|:\"<>?";
    private static final String UNSHIFTED = "`1234567890-=[]\\;',./";
    private static final String[] PUNCT_CODES = {"Backquote", "Digit1", "Digit2", "Digit3", "Digit4", "Digit5",
            "Digit6", "Digit7", "Digit8", "Digit9", "Digit0", "Minus", "Equal", "BracketLeft", "BracketRight",
            "Backslash", "Semicolon", "Quote", "Comma", "Period", "Slash"};
    static final String NEIGHBOURS = "qwertyuiopasdfghjklzxcvbnm";

    private Keyboard() {}

    static boolean shifted(char c) {
        return Character.isUpperCase(c) || SHIFTED.indexOf(c) >= 0;
    }

    static String code(char c) {
        if (Character.isLetter(c) && c < 128) {
            return "Key" + Character.toUpperCase(c);
        }
        if (c == ' ') {
            return "Space";
        }
        int i = UNSHIFTED.indexOf(c);
        if (i < 0) {
            i = SHIFTED.indexOf(c);
        }
        if (i >= 0) {
            return PUNCT_CODES[i];
        }
        return "Unidentified";
    }

    /** A key next to {@code c} on the row, for realistic typos. */
    static char typoFor(char c) {
        if (Character.isDigit(c)) {
            return (char) ('0' + (c - '0' + 1) % 10);
        }
        int i = NEIGHBOURS.indexOf(Character.toLowerCase(c));
        if (i < 0) {
            return 'x';
        }
        return NEIGHBOURS.charAt(i + 1 < NEIGHBOURS.length() ? i + 1 : i - 1);
    }
}
