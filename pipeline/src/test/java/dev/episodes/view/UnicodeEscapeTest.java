package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.inspect.StepRow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Red team: text no recorder should send (NUL and other controls, lone and reversed surrogates, a high
 * surrogate at the very end, noncharacters, line and paragraph separators, combining marks, emoji
 * sequences) through every escaped field: the page is valid UTF-8 that round-trips, holds no markup
 * character from the data, no control but tab and newline, no half of a surrogate pair.
 */
class UnicodeEscapeTest {
    static final List<String> NASTY = List.of("a\u0000b", "\ud800", "x\udc00y", "\udc00\ud800", "end\ud83d",
            "\u0007\u0008\u000b\u000c\r\u001b[31m", "\u0085\u009b", "\ufffe\uffff", "\u2028\u2029",
            "e\u0301\u0301\u0301\u0301\u0301\u0301", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f", "\ufeff",
            "&lt;<&#x3c;\"'`=", "]]><!--", "</bdi></dd></dl></section>");

    @Test
    void everyFieldIsSafeAndWellFormedForEveryNastyString() {
        for (String s : NASTY) {
            StepRow row = new StepRow(0, EpisodeHtmlTest.T0, EpisodeHtmlTest.T0, s, 1, 1, 2, 2, 1, 1, s + "[EMAIL]" + s,
                    s + "+" + s, s, s, s, s, s, s, 100, 100, List.of(s), null);
            String html = EpisodeHtml.render(EpisodeHtmlTest.page(Map.of(), row));
            byte[] utf8 = html.getBytes(StandardCharsets.UTF_8);
            assertEquals(html, new String(utf8, StandardCharsets.UTF_8), "round-trips through UTF-8");
            for (int i = 0; i < html.length(); i++) {
                char c = html.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    assertTrue(i + 1 < html.length() && Character.isLowSurrogate(html.charAt(i + 1)), "lone high");
                    i++;
                    continue;
                }
                assertFalse(Character.isLowSurrogate(c), "lone low surrogate for " + escapeJava(s));
                assertFalse((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0),
                        "control U+" + Integer.toHexString(c) + " for " + escapeJava(s));
            }
            if (s.startsWith("</bdi>")) {
                assertFalse(html.contains(s), "closing tags from the data reached the page");
            }
            assertFalse(html.contains("]]><!--"), "comment or CDATA markup from the data");
            assertFalse(html.contains("<&#x3c;"), "a raw < from the data");
        }
    }

    static String escapeJava(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
