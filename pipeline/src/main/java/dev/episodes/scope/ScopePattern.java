package dev.episodes.scope;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One case-insensitive pattern of a scope rule. A glob by default ({@code *} any run of characters,
 * {@code ?} one character, the whole value must match: {@code *1password*}); {@code re:} makes the rest
 * a regular expression found anywhere in the value ({@code re:^key(chain|ring)}). Values are compared
 * after NFKC and with invisible format characters removed, so a full-width or zero-width spelling of a
 * name is the same name.
 */
public record ScopePattern(String source) implements Serializable {
    private static final String REGEX = "re:";

    public ScopePattern {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a scope pattern is empty");
        }
        compile(source); // validates
    }

    Pattern compiled() {
        return compile(source);
    }

    static Pattern compile(String source) {
        int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        if (source.startsWith(REGEX)) {
            try {
                return Pattern.compile(source.substring(REGEX.length()), flags);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("scope pattern '" + source + "' is not a regular expression: "
                        + e.getDescription());
            }
        }
        StringBuilder re = new StringBuilder("^");
        StringBuilder literal = new StringBuilder();
        for (char ch : normalize(source).toCharArray()) {
            if (ch == '*' || ch == '?') {
                if (!literal.isEmpty()) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(ch == '*' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.append('$').toString(), flags | Pattern.DOTALL);
    }

    /** NFKC, lower case, without format characters (zero-width space, soft hyphen, direction marks). */
    static String normalize(String value) {
        String n = Normalizer.normalize(value, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(n.length());
        n.codePoints().filter(cp -> Character.getType(cp) != Character.FORMAT).forEach(b::appendCodePoint);
        return b.toString().toLowerCase(Locale.ROOT).strip();
    }

    @Override
    public String toString() {
        return source;
    }
}
