package dev.episodes.redaction.detect;

import java.text.Normalizer;

/**
 * A string as detectors read it: NFKC (full-width {@code ＠} and digits become ASCII), every Unicode
 * decimal digit folded to {@code 0-9} (Arabic-Indic, Devanagari...), every space separator (no-break
 * space U+00A0, narrow U+202F, figure space) a plain space, every dash a hyphen, and invisible format
 * characters (zero-width space, soft hyphen) dropped. Each folded character remembers the range of the
 * original it came from, so a span found here replaces the original characters whole. ASCII strings,
 * the common case, are used as they are, without a copy.
 */
public final class Folded {
    private final String text;
    private final int[] from; // null when text is the original
    private final int[] to;

    private Folded(String text, int[] from, int[] to) {
        this.text = text;
        this.from = from;
        this.to = to;
    }

    public static Folded of(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) < 128) {
            i++;
        }
        if (i == s.length()) {
            return new Folded(s, null, null);
        }
        StringBuilder sb = new StringBuilder(s.length());
        int[] from = new int[s.length() * 2 + 8];
        int[] to = new int[from.length];
        int n = 0;
        for (int at = 0; at < s.length(); ) {
            int cp = s.codePointAt(at);
            int next = at + Character.charCount(cp);
            String folded = fold(cp);
            for (int k = 0; k < folded.length(); k++) {
                if (n == from.length) {
                    from = java.util.Arrays.copyOf(from, n * 2);
                    to = java.util.Arrays.copyOf(to, n * 2);
                }
                sb.append(folded.charAt(k));
                from[n] = at;
                to[n] = next;
                n++;
            }
            at = next;
        }
        return new Folded(sb.toString(), from, to);
    }

    /** The text detectors run on. */
    public String text() {
        return text;
    }

    /** Whether folding changed nothing (offsets are the original's). */
    public boolean identity() {
        return from == null;
    }

    /** A span of {@link #text()} as the span of the original string it covers. */
    public Span original(Span s) {
        if (from == null) {
            return s;
        }
        return new Span(from[s.start()], to[s.end() - 1], s.kind(), s.rule());
    }

    /** The folded form of a whole string (for tests and reports that compare normalised values). */
    public static String fold(String s) {
        return of(s).text;
    }

    private static String fold(int cp) {
        if (cp < 128) {
            return String.valueOf((char) cp);
        }
        if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
            return String.valueOf((char) ('0' + Character.digit(cp, 10)));
        }
        if (Character.isSpaceChar(cp)) {
            return " ";
        }
        if (Character.getType(cp) == Character.FORMAT || cp == 0x00AD) {
            return ""; // zero-width space / joiner, soft hyphen, BOM: invisible, and they split numbers
        }
        if (Character.getType(cp) == Character.DASH_PUNCTUATION || cp == 0x2212) {
            return "-";
        }
        String n = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        StringBuilder sb = null;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= 128 && Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                if (sb == null) {
                    sb = new StringBuilder(n);
                }
                sb.setCharAt(i, (char) ('0' + Character.digit(c, 10)));
            }
        }
        return sb == null ? n : sb.toString();
    }
}
