package dev.episodes.view;

/**
 * Escaping for everything taken from the data: titles, URLs, typed text and element names are written by
 * whoever used the computer, so they are attacker-controlled. One escape serves text and quoted attribute
 * values; control characters (which a title can hold) become U+FFFD, so nothing of the data can end an
 * element, an attribute or a comment, or reach the parser as markup.
 */
public final class Html {
    private Html() {}

    /** {@code s} as HTML text or a double-quoted attribute value; null as the empty string. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> {
                    if (Character.isSurrogate(c)) {
                        // a pair stays (emoji); a lone half is no character and becomes U+FFFD
                        if (Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            out.append('\uFFFD');
                        }
                    } else if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0) || c == '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Data text isolated from its surroundings: a right-to-left title (or one holding U+202E) cannot reorder
     * the label beside it.
     */
    public static String bdi(String s) {
        return "<bdi>" + escape(s) + "</bdi>";
    }
}
