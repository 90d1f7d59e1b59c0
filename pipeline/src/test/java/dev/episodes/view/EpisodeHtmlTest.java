package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.inspect.EpisodeRow;
import dev.episodes.inspect.FrameRow;
import dev.episodes.inspect.StepRow;
import dev.episodes.testing.FramesDatasets;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** An episode page as text: what it holds, what it escapes, what it never embeds or links. */
class EpisodeHtmlTest {
    static final String USER = "u_pseudonym_4f1c";
    static final String DEVICE = "d_pseudonym_9a2e";
    static final String TITLE = "</script><img src=x onerror=alert(1)>";
    static final String URL = "javascript:alert(2)";
    static final long T0 = 1_764_403_200_000_000L;

    static StepRow step(int i, String action, Integer x, Integer y, String text, String keys, String frame) {
        return new StepRow(i, T0 + i * 1_000_000L, T0 + i * 1_000_000L, action, x, y,
                action.equals("drag") ? 2_000 : null, action.equals("drag") ? 1_000 : null, null,
                action.equals("scroll") ? 240 : null, text, keys, "Chrome", TITLE, URL, "textbox", "Email", null, 2560,
                1440, List.of(), frame);
    }

    static EpisodePage page(Map<String, FrameRow> frames, StepRow... steps) {
        EpisodeRow e = new EpisodeRow("ep1", USER, DEVICE, T0, T0 + (steps.length - 1) * 1_000_000L, steps.length,
                List.of("Chrome"), 2, "steps/part-r-0.parquet", "train");
        return new EpisodePage("dt=2025-11-29", e, List.of(steps), List.of(), frames);
    }

    static FrameRow frame(String id, byte[] image, FrameRow.Mask... masks) {
        return new FrameRow(id, 64, 40, image, List.of(masks));
    }

    @Test
    void oneSectionPerStepEachFrameEmbeddedOnceAndMasksOutlined() {
        byte[] png = FramesDatasets.png(0);
        FrameRow a = frame("fa", png, new FrameRow.Mask(4, 4, 20, 8, "secure_field"),
                new FrameRow.Mask(0, 0, 65_536, 65_536, "redacted_context"));
        String html = EpisodeHtml.render(page(Map.of("fa", a),
                step(0, "click", 1280, 720, null, null, "fa"),
                step(1, "type", null, null, "mail [EMAIL] pw [PASSWORD]", null, "fa"),
                step(2, "hotkey", null, null, null, "ctrl+shift+t", null)));
        assertEquals(3, count(html, "<section class=\"step"));
        assertEquals(1, count(html, "data:image/png;base64,"), "the frame's bytes once");
        assertEquals(2, count(html, "<use href=\"#frame-0\"/>"), "referenced by both steps that show it");
        assertEquals(4, count(html, "<g class=\"mask\""));
        // a whole-screen mask is clipped to the frame
        assertTrue(html.contains("<rect class=\"mask-box\" x=\"0\" y=\"0\" width=\"64\" height=\"40\""), html);
        // the click at (1280, 720) of a 2560 x 1440 screen is in the middle of the 64 x 40 frame
        assertTrue(html.contains("<circle class=\"dot\" cx=\"32\" cy=\"20\""), html);
        assertTrue(html.contains("<mark class=\"placeholder\">[EMAIL]</mark> pw <mark class=\"placeholder\">"
                + "[PASSWORD]</mark>"));
        assertTrue(html.contains("<kbd>ctrl</kbd>+<kbd>shift</kbd>+<kbd>t</kbd>"));
        assertTrue(html.contains("no frame: the pointer on the 2560 &#215; 1440 screen"));
    }

    @Test
    void labelsOfMasksOnOneSpotStackInsteadOfCoveringEachOther() {
        FrameRow a = frame("fa", FramesDatasets.png(0), new FrameRow.Mask(10, 10, 20, 8, "typed_secret"),
                new FrameRow.Mask(10, 10, 20, 8, "secure_field"));
        String html = EpisodeHtml.render(page(Map.of("fa", a), step(0, "type", null, null, "[PASSWORD]", null, "fa")));
        Matcher m = Pattern.compile("<text class=\"mask-label\" x=\"([\\d.]+)\" y=\"([\\d.]+)\"").matcher(html);
        List<String> ys = new java.util.ArrayList<>();
        while (m.find()) {
            ys.add(m.group(2));
        }
        assertEquals(List.of("11.3", "12.8"), ys, html);
    }

    @Test
    void dataIsEscapedAndAUrlIsNeverALink() {
        String html = EpisodeHtml.render(page(Map.of(), step(0, "click", 10, 10, TITLE, null, null)));
        assertFalse(html.contains("<img"), "markup from the data");
        assertTrue(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(html.contains("href=\"javascript"));
        assertFalse(html.contains("<a "), "no link at all");
        assertEquals(1, count(html, "<script>"), "only the page's own script");
    }

    @Test
    void thePolicyAllowsOnlyThePagesOwnScriptAndStyleAndNoFetch() {
        String html = EpisodeHtml.render(page(Map.of(), step(0, "click", 10, 10, null, null, null)));
        Matcher m = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").matcher(html);
        assertTrue(m.find(), html);
        assertEquals("default-src 'none'; img-src data:; style-src '" + PageShell.hash(EpisodeHtml.CSS)
                + "'; script-src '" + PageShell.hash(EpisodeHtml.SCRIPT) + "'; base-uri 'none'; form-action 'none'",
                m.group(1));
        assertTrue(html.contains("<script>" + EpisodeHtml.SCRIPT + "</script>"));
        assertTrue(html.indexOf("Content-Security-Policy") < html.indexOf("<title>"), "before any content");
    }

    @Test
    void bytesThatAreNeitherPngNorJpegAreNotEmbedded() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(3)\"/>".getBytes(StandardCharsets.UTF_8);
        String html = EpisodeHtml.render(page(Map.of("fs", frame("fs", svg)), step(0, "click", 10, 10, null, null,
                "fs")));
        assertFalse(html.contains("data:image"), "not embedded");
        assertFalse(html.contains("<use "));
        assertTrue(html.contains("its bytes are not a PNG or JPEG image"));
        assertFalse(html.contains("onload"));
    }

    @Test
    void aMissingFrameIsSaidAndTheStepDrawnOnTheScreen() {
        String html = EpisodeHtml.render(page(Map.of(), step(0, "click", 10, 10, null, null, "gone")));
        assertTrue(html.contains("<figure class=\"frame missing_frame\">"));
        assertTrue(html.contains("1 frame the steps name is not in the partition&#39;s frames table"));
        assertTrue(html.contains("viewBox=\"0 0 2560 1440\""));
    }

    @Test
    void dragsAndScrollsAreMarked() {
        String html = EpisodeHtml.render(page(Map.of(), step(0, "drag", 100, 200, null, null, null),
                step(1, "scroll", 100, 200, null, null, null)));
        assertTrue(html.contains("<g class=\"mark drag\"><line class=\"path\" x1=\"100\" y1=\"200\" x2=\"2000\" "
                + "y2=\"1000\""), html);
        assertTrue(html.contains("<g class=\"mark scroll\">"));
        assertTrue(html.contains("dx ?, dy 240"));
    }

    @Test
    void neitherPseudonymIsShown() {
        String html = EpisodeHtml.render(page(Map.of(), step(0, "click", 10, 10, null, null, null)));
        assertFalse(html.contains(USER));
        assertFalse(html.contains(DEVICE));
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
