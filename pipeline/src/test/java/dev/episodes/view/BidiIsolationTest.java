package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.inspect.FrameRow;
import dev.episodes.inspect.StepRow;
import dev.episodes.testing.FramesDatasets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Red team: a right-to-left override (U+202E) in data the recorder controls must stay inside an isolating
 * element (docs/view.md: "right-to-left text (or a U+202E) cannot reorder the page around it"). Outside a
 * {@code <bdi>} it reverses the rest of its line: in the caption {@code masks: a_\u202eevil ×1 secure_field ×3}
 * the kinds and counts after it are drawn reversed. The caption's mask kinds and the key caps are not isolated.
 */
class BidiIsolationTest {
    static final String RLO = "\u202e";

    /** Each U+202E in {@code html} outside a {@code <bdi>}, with a little of what precedes it. */
    static List<String> unisolated(String html) {
        List<String> out = new ArrayList<>();
        for (int i = html.indexOf(RLO); i >= 0; i = html.indexOf(RLO, i + 1)) {
            String before = html.substring(0, i);
            int open = before.split("<bdi", -1).length - 1;
            int close = before.split("</bdi>", -1).length - 1;
            // SVG <text> is its own bidi paragraph: an override there cannot reach past the element
            int textOpen = before.lastIndexOf("<text");
            int textClose = before.lastIndexOf("</text>");
            boolean inSvgText = textOpen > textClose;
            boolean inTag = before.lastIndexOf('<') > before.lastIndexOf('>'); // an attribute value is not shown
            if (open <= close && !inSvgText && !inTag) {
                out.add(before.substring(Math.max(0, before.length() - 60)));
            }
        }
        return out;
    }

    @Test
    void aMaskKindWithAnOverrideIsIsolatedInTheFrameCaption() {
        FrameRow f = EpisodeHtmlTest.frame("fa", FramesDatasets.png(0), new FrameRow.Mask(1, 1, 5, 5, "a_" + RLO + "evil"),
                new FrameRow.Mask(10, 10, 5, 5, "secure_field"));
        String html = EpisodeHtml.render(EpisodeHtmlTest.page(Map.of("fa", f),
                EpisodeHtmlTest.step(0, "click", 10, 10, null, null, "fa")));
        assertEquals(List.of(), unisolated(html));
    }

    @Test
    void keysWithAnOverrideAreIsolated() {
        StepRow s = EpisodeHtmlTest.step(0, "hotkey", null, null, null, "ctrl+" + RLO + "shift+t", null);
        assertEquals(List.of(), unisolated(EpisodeHtml.render(EpisodeHtmlTest.page(Map.of(), s))));
    }

    @Test
    void titlesUrlsAppsAndTypedTextWithAnOverrideAreIsolated() {
        StepRow s = new StepRow(0, EpisodeHtmlTest.T0, EpisodeHtmlTest.T0, "type", null, null, null, null, null, null,
                "pw " + RLO + "[PASSWORD] x", null, RLO + "app", RLO + "title", "https://x/" + RLO, "textbox",
                RLO + "name", null, 100, 100, List.of(RLO + "kind"), null);
        assertEquals(List.of(), unisolated(EpisodeHtml.render(EpisodeHtmlTest.page(Map.of(), s))));
    }
}
