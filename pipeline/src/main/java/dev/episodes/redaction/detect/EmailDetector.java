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
        if (text.indexOf('@') < 0 && !text.contains("%40")) {
            return;
        }
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            if (!text.regionMatches(true, m.start(), "git@", 0, 4)) { // git@github.com:acme/app.git is no person
                out.add(new Span(m.start(), m.end(), Placeholder.EMAIL, "email"));
            }
        }
    }
}
