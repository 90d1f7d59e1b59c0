package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.inspect.FrameRow;
import dev.episodes.inspect.StepRow;
import dev.episodes.testing.FramesDatasets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Red team: where the pointer is drawn on a frame. Steps are in screen pixels, frames in the stored
 * image's; the page scales by frame / screen. Without the screen's size it cannot scale, and draws the
 * screen position on the image unscaled: a click at (2000, 1000) of a 2560 x 1440 screen lands outside a
 * 1280 x 720 frame, where nobody sees it, and the page does not say the pointer is not where it was.
 */
class PointerPlacementTest {
    static FrameRow frame() {
        return new FrameRow("f", 1280, 720, FramesDatasets.png(0), List.of());
    }

    static String render(Integer screenW, Integer screenH, String action, int x, int y) {
        StepRow s = new StepRow(0, EpisodeHtmlTest.T0, EpisodeHtmlTest.T0, action, x, y, action.equals("drag") ? 2500
                : null, action.equals("drag") ? 1400 : null, null, null, null, null, "Chrome", "t", null, null, null,
                null, screenW, screenH, List.of(), "f");
        return EpisodeHtml.render(EpisodeHtmlTest.page(Map.of("f", frame()), s));
    }

    @Test
    void aClickIsScaledFromTheScreenIntoTheFrame() {
        String html = render(2560, 1440, "click", 2000, 1000);
        assertTrue(html.contains("<circle class=\"dot\" cx=\"1000\" cy=\"500\""), html);
    }

    @Test
    void aDragEndingAtTheScreensCornerEndsAtTheFramesCorner() {
        String html = render(2560, 1440, "drag", 0, 0);
        assertTrue(html.contains("x2=\"1250\" y2=\"700\""), html);
    }

    @Test
    void withoutTheScreensSizeThePointerIsNotDrawnSilentlyOutsideTheFrame() {
        String html = render(null, null, "click", 2000, 1000);
        boolean outside = html.contains("<circle class=\"dot\" cx=\"2000\" cy=\"1000\"");
        String caption = html.substring(html.indexOf("<figcaption>"), html.indexOf("</figcaption>"));
        assertTrue(!outside || caption.contains("unknown") || caption.contains("not scaled"),
                "the click is drawn at (2000, 1000) on a 1280 x 720 frame, off the image, and the caption says only: "
                        + caption);
    }
}
