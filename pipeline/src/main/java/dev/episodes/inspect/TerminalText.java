package dev.episodes.inspect;

import java.util.List;
import java.util.Locale;

/**
 * Dataset strings made fit for one terminal line. Titles and typed text come from people's screens:
 * control characters (an ESC would drive the terminal, a newline would break the table) and bidi
 * overrides (they reorder what is shown) are printed as escapes, and long values are cut to their column.
 */
final class TerminalText {
    static final String ELLIPSIS = "...";

    private TerminalText() {}

    /** The string with every control or bidi-control character escaped; null as "". */
    static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || isBidiControl(c)) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    private static boolean isBidiControl(int c) {
        return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** At most {@code width} characters: longer strings end in "...". */
    static String fit(String s, int width) {
        int length = s.codePointCount(0, s.length());
        if (length <= width) {
            return s;
        }
        if (width <= ELLIPSIS.length()) {
            return s.substring(0, s.offsetByCodePoints(0, Math.max(0, width)));
        }
        return s.substring(0, s.offsetByCodePoints(0, width - ELLIPSIS.length())) + ELLIPSIS;
    }

    /** Fitted to {@code width}, then padded with spaces on the right. */
    static String left(String s, int width) {
        String f = fit(s, width);
        return f + " ".repeat(width - f.codePointCount(0, f.length()));
    }

    /** Fitted to {@code width}, then padded with spaces on the left (numbers). */
    static String right(String s, int width) {
        String f = fit(s, width);
        return " ".repeat(width - f.codePointCount(0, f.length())) + f;
    }

    /**
     * {@code label} followed by the items joined with ", ", wrapped to {@code width} with continuation
     * lines indented under the first item; only an item too long for a line of its own is cut.
     */
    static String wrapped(String label, List<String> items, int width) {
        if (items.isEmpty()) {
            return label + "-";
        }
        StringBuilder out = new StringBuilder(label);
        String indent = " ".repeat(label.length());
        int lineStart = 0;
        for (int i = 0; i < items.size(); i++) {
            String item = fit(items.get(i), Math.max(8, width - label.length() - 1)) + (i < items.size() - 1 ? "," : "");
            boolean first = out.length() == label.length();
            if (!first && out.length() - lineStart + 1 + item.length() > width) {
                out.append('\n');
                lineStart = out.length();
                out.append(indent);
            } else if (!first) {
                out.append(' ');
            }
            out.append(item);
        }
        return out.toString();
    }
}
