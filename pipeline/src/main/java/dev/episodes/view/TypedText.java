package dev.episodes.view;

import dev.episodes.redaction.Placeholder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed text as HTML, its placeholders ({@code [EMAIL]}, {@code [PASSWORD]}...) marked so they stand out. */
final class TypedText {
    private static final Pattern PLACEHOLDER = Pattern.compile(placeholders());

    private TypedText() {}

    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("<bdi class=\"typed\">");
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(Html.escape(text.substring(last, m.start())))
                    .append("<mark class=\"placeholder\">").append(Html.escape(m.group())).append("</mark>");
            last = m.end();
        }
        return out.append(Html.escape(text.substring(last))).append("</bdi>").toString();
    }

    private static String placeholders() {
        StringBuilder alt = new StringBuilder();
        for (Placeholder p : Placeholder.values()) {
            alt.append(alt.length() == 0 ? "" : "|").append(Pattern.quote(p.token()));
        }
        return alt.toString();
    }
}
