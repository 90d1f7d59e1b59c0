package dev.episodes.redaction.detect;

import dev.episodes.redaction.Placeholder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Email addresses with a valid domain shape, also with {@code @} percent-encoded as {@code %40}. */
public final class EmailDetector implements Detector {
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}(?:@|%40)"
                    + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])");

    @Override
    public void find(String text, List<Span> out) {
        if (text.indexOf('@') < 0 && !text.contains("%40")) {
            return;
        }
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            out.add(new Span(m.start(), m.end(), Placeholder.EMAIL, "email"));
        }
    }
}
