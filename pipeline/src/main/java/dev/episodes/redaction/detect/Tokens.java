package dev.episodes.redaction.detect;

/**
 * Whether a token looks machine-made (a key, a reset token, a signature) rather than written by a
 * person (a word, a slug, a version, an order number). Random strings change character class every
 * two characters or so (lower, upper, digit; a capitalised word is one run); words, slugs and numbers
 * run for three or more. Hex strings and UUIDs are judged separately by callers: a 40-digit hex in text
 * is usually a git hash, and a UUID in a URL path usually a record's id.
 */
public final class Tokens {
    private Tokens() {}

    /**
     * {@code s[from, to)} is at least {@code minLength} long and looks random. Strings of hex digits (and
     * separators, so UUIDs too) never do here: callers decide on those with {@link #hex} and {@link #uuid}.
     */
    public static boolean looksRandom(CharSequence s, int from, int to, int minLength) {
        int len = to - from;
        if (len < minLength) {
            return false;
        }
        int digits = 0;
        int letters = 0;
        int separators = 0;
        int runs = 0;
        boolean beyondHex = false;
        int prev = 0; // 0 none, 1 lower, 2 upper, 3 digit
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int cls = c >= 'a' && c <= 'z' ? 1 : c >= 'A' && c <= 'Z' ? 2 : c >= '0' && c <= '9' ? 3 : 0;
            if (cls == 0) {
                if (!separator(c)) {
                    return false;
                }
                separators++;
                prev = 0;
                continue;
            }
            if (cls == 3) {
                digits++;
            } else {
                letters++;
                beyondHex |= Character.digit(c, 16) < 0;
            }
            // a new run: after a separator, between letters and digits, or lower -> upper (camelCase)
            boolean boundary = prev == 0 || (prev == 3) != (cls == 3) || (prev == 1 && cls == 2);
            if (boundary) {
                runs++;
            }
            prev = cls;
        }
        int alnum = digits + letters;
        if (!beyondHex || digits < 2 || letters < 4 || separators * 6 > len || runs == 0) {
            return false;
        }
        return alnum / (double) runs <= 2.6 && SecretRule.entropy(s.subSequence(from, to)) >= 3.3;
    }

    public static boolean separator(char c) {
        return c == '-' || c == '_' || c == '+' || c == '/' || c == '=' || c == '.' || c == '~';
    }

    public static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || separator(c);
    }

    /** Only hex digits, at least {@code minLength} of them. */
    public static boolean hex(CharSequence s, int from, int to, int minLength) {
        if (to - from < minLength) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** 8-4-4-4-12 hex digits. */
    public static boolean uuid(CharSequence s, int from, int to) {
        if (to - from != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
