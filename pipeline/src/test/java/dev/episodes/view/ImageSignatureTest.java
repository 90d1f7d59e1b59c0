package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.inspect.FrameRow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Red team: frames whose bytes are not an image. docs/view.md: "embedded only when their bytes are PNG or
 * JPEG by their signature ... SVG or HTML in a frames row is not embedded, the caption says so". The check
 * reads 4 bytes; PNG's signature is 8 ({@code 89 50 4E 47 0D 0A 1A 0A}) and JPEG's start of image is only
 * the first of its markers, so an SVG document behind "\x89PNG" is embedded as image/png and the caption
 * claims nothing is wrong (the browser then shows a broken image without a word why).
 */
class ImageSignatureTest {
    static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"window.__pwned=7\">"
            + "<script>window.__pwned=8</script><image href=\"https://evil.example/i.png\"/></svg>";

    static String render(byte[] bytes) {
        FrameRow f = new FrameRow("fa", 64, 40, bytes, List.of());
        return EpisodeHtml.render(EpisodeHtmlTest.page(Map.of("fa", f),
                EpisodeHtmlTest.step(0, "click", 10, 10, null, null, "fa")));
    }

    static byte[] concat(byte[] head, String tail) {
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + t.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(t, 0, out, head.length, t.length);
        return out;
    }

    @Test
    void plainSvgAndHtmlAreNotEmbedded() {
        for (String body : List.of(SVG, "<!DOCTYPE html><script>window.__pwned=9</script>", "GIF89a" + SVG)) {
            String html = render(body.getBytes(StandardCharsets.UTF_8));
            assertFalse(html.contains("data:image"), body);
            assertTrue(html.contains("its bytes are not a PNG or JPEG image"), body);
        }
    }

    @Test
    void svgBehindTheFirstFourBytesOfAPngSignatureIsNotEmbeddedAsAPng() {
        String html = render(concat(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, SVG));
        assertFalse(html.contains("data:image/png"), "SVG bytes embedded as image/png");
        assertTrue(html.contains("its bytes are not a PNG or JPEG image"));
    }

    @Test
    void htmlBehindAJpegStartOfImageIsNotEmbeddedAsAJpeg() {
        String html = render(concat(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, "<html><script>x</script>"));
        assertFalse(html.contains("data:image/jpeg"), "HTML bytes embedded as image/jpeg");
    }
}
