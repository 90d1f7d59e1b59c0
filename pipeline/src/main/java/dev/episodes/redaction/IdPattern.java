package dev.episodes.redaction;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * The shape of the directory's ids ({@code --id-pattern}): any match is an id of some person or device,
 * the job's own people's or not, and never reaches output raw. Matched case-insensitively, as a whole
 * token: not next to another letter or digit, whatever else (dash, underscore, slash, {@code =}) stands
 * there. The default follows the contract's examples, {@code u-1042} and {@code d-7}, also written
 * {@code U_1042}. A match is found from its first character: a lookbehind in the pattern is not supported.
 */
public record IdPattern(String regex) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String DEFAULT_REGEX = "[ud][-_]\\d{1,12}";
    public static final IdPattern DEFAULT = new IdPattern(DEFAULT_REGEX);

    public IdPattern {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("id pattern is not a regular expression: " + regex);
        }
        if (p.matcher("").matches()) {
            throw new IllegalArgumentException("id pattern matches the empty string: " + regex);
        }
    }

    /** The pattern as a whole token, for {@link RawIds} to embed (no groups of its own are relied on). */
    String token() {
        return BEFORE + "(?:" + regex + ")" + AFTER;
    }

    /**
     * Which two ASCII characters a match may begin with, found by asking the regex itself: a probe of two
     * characters that neither matches nor could match with more input ({@code hitEnd}) rules that pair
     * out. Computed once per pattern (16,384 probes).
     */
    boolean[] startPairs() {
        return PAIRS.computeIfAbsent(regex, IdPattern::probe);
    }

    private static boolean[] probe(String regex) {
        boolean[] p = new boolean[128 * 128];
        java.util.regex.Matcher m = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher("");
        char[] two = new char[2];
        for (int a = 0; a < 128; a++) {
            two[0] = (char) a;
            m.reset(String.valueOf(two[0]));
            boolean first = m.lookingAt() || m.hitEnd();
            for (int b = 0; b < 128 && first; b++) {
                two[1] = (char) b;
                m.reset(new String(two));
                p[a << 7 | b] = m.lookingAt() || m.hitEnd();
            }
            if (first && !p[a << 7]) {
                p[a << 7] = true; // the last character of a string: a one-character id
            }
        }
        return p;
    }

    private static final java.util.Map<String, boolean[]> PAIRS = new java.util.concurrent.ConcurrentHashMap<>();

    static final String BEFORE = "(?<![A-Za-z0-9])";
    static final String AFTER = "(?![A-Za-z0-9])";
}
