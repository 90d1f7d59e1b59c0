package dev.episodes.redaction.detect;

import dev.episodes.redaction.Placeholder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email addresses with a valid domain shape: internationalised local parts and domains (letters of any
 * script, {@code xn--} labels), quoted local parts ({@code "jane doe"@example.org}), and {@code @}
 * percent-encoded as {@code %40}. Full-width {@code ＠} and {@code ﹫} arrive folded to {@code @}.
 */
public final class EmailDetector implements Detector {
    private static final String LOCAL_CHAR = "[\\p{L}\\p{M}\\p{N}_.%+-]";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?";
    private static final Pattern EMAIL = Pattern.compile(
            "(?:\"[^\"\\n\\\\]{1,64}\"|(?<!" + LOCAL_CHAR + ")" + LOCAL_CHAR + "{1,64})(?:@|%40)"
                    + "(?:" + LABEL + "\\.)+(?:\\p{L}{2,24}|xn--[a-z0-9-]{1,59})(?![\\p{L}\\p{M}\\p{N}-])");

    @Override
    public void find(String text, List<Span> out) {
        int at = nextAt(text, 0);
        if (at < 0) {
            return;
        }
        // the pattern runs once per '@', anchored where its local part begins: letting it try every word
        // start of the string cost more than everything else in a line holding one address
        Matcher m = EMAIL.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int done = 0;
        while (at >= 0) {
            int from = localStart(text, at);
            int next = at + 1;
            if (from >= done && from < at) {
                m.region(from, Math.min(text.length(), at + 256));
                if (m.lookingAt() && m.end() > at) {
                    if (!text.regionMatches(true, m.start(), "git@", 0, 4)) { // git@github.com:acme/app.git is no person
                        out.add(new Span(m.start(), m.end(), Placeholder.EMAIL, "email"));
                    }
                    done = m.end();
                    next = m.end();
                }
            }
            at = nextAt(text, next);
        }
    }

    /** Where the local part before {@code at} could begin: the opening quote, or the first local character. */
    private static int localStart(String text, int at) {
        if (at > 0 && text.charAt(at - 1) == '"') {
            int open = text.lastIndexOf('"', at - 2);
            return open >= 0 && at - open <= 66 ? open : at;
        }
        int i = at;
        while (i > 0 && at - i < 64 && localChar(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean localChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '%' || c == '+' || c == '-'
                || Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }

    private static int nextAt(String text, int from) {
        int a = text.indexOf('@', from);
        int p = text.indexOf("%40", from);
        return a < 0 ? p : p < 0 ? a : Math.min(a, p);
    }
}
