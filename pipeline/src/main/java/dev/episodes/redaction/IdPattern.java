package dev.episodes.redaction;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * The shape of the directory's ids ({@code --id-pattern}): any match is an id of some person or device,
 * the job's own people's or not, and never reaches output raw. Matched case-insensitively, as a whole
 * token: not next to another letter or digit, whatever else (dash, underscore, slash, {@code =}) stands
 * there. The default follows the contract's examples, {@code u-1042} and {@code d-7}, also written
 * {@code U_1042}.
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

    static final String BEFORE = "(?<![A-Za-z0-9])";
    static final String AFTER = "(?![A-Za-z0-9])";
}
