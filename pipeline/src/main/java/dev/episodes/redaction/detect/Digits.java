package dev.episodes.redaction.detect;

/** Cheap checks that let digit-based detectors skip strings that cannot hold what they look for. */
final class Digits {
    private Digits() {}

    static int count(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /**
     * Digits in the longest stretch made of digits and the separators phone numbers use (space, dot,
     * dash, parentheses, plus, slash), so "v1.4.2 on 2026-11-27" counts 8 but "room 4, 12:30" counts 2.
     */
    static int longestRun(String s) {
        int best = 0;
        int run = 0;
        int gap = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                run++;
                gap = 0;
                best = Math.max(best, run);
            } else if ((c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '+' || c == '/') && gap < 2) {
                gap++;
            } else {
                run = 0;
                gap = 0;
            }
        }
        return best;
    }

    /** The Luhn checksum used by payment card numbers. */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
