package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.inspect.EpisodeRow;
import dev.episodes.inspect.FrameRow;
import dev.episodes.inspect.StepRow;
import dev.episodes.testing.FramesDatasets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Red team: steps our recorders would never send (every context null, screens of zero, negative or
 * extreme size, coordinates at the int limits, frames of zero size, masks at the int limits, no steps at
 * all): the page renders, and says nothing false about the surface it draws on.
 */
class OddStepDataTest {
    static final long T0 = EpisodeHtmlTest.T0;

    static StepRow step(String action, Integer x, Integer y, Integer w, Integer h, String frame) {
        return new StepRow(0, T0, T0, action, x, y, x, y, x, y, null, null, null, null, null, null, null, null, w, h,
                List.of(), frame);
    }

    static String render(Map<String, FrameRow> frames, StepRow... steps) {
        return EpisodeHtml.render(EpisodeHtmlTest.page(frames, steps));
    }

    @Test
    void nullEverythingAndExtremeNumbersRender() {
        int max = Integer.MAX_VALUE;
        int min = Integer.MIN_VALUE;
        FrameRow zero = new FrameRow("z", 0, -5, FramesDatasets.png(0), List.of(new FrameRow.Mask(min, min, max, max,
                ""), new FrameRow.Mask(max, max, max, max, "k"), new FrameRow.Mask(5, 5, -10, -10, "neg")));
        for (String action : new String[] {null, "", "click", "drag", "scroll", "type", "key", "hotkey"}) {
            for (Integer[] xy : new Integer[][] {{null, null}, {0, null}, {max, max}, {min, min}, {-1, -1}}) {
                for (Integer[] wh : new Integer[][] {{null, null}, {0, 0}, {-1920, -1080}, {max, max}, {1, null}}) {
                    for (String frame : new String[] {null, "z", "gone"}) {
                        String html = assertDoesNotThrow(() -> render(Map.of("z", zero),
                                step(action, xy[0], xy[1], wh[0], wh[1], frame)));
                        assertFalse(html.contains("NaN") || html.contains("Infinity") || html.contains("E+")
                                || html.contains("E-"), "a coordinate the browser cannot read: " + html);
                    }
                }
            }
        }
    }

    @Test
    void noStepsAtAll() {
        EpisodeRow e = new EpisodeRow("empty", "u", "d", T0, T0, 0, List.of(), 0, "f", null);
        String html = EpisodeHtml.render(new EpisodePage("dt=2025-11-29", e, List.of(), List.of(), Map.of()));
        assertTrue(html.contains("This episode has no steps."));
        assertTrue(html.contains("<span id=\"position\">0 / 0</span>"));
    }

    @Test
    void aMissingFrameOnAScreenOfUnknownHeightIsNotCalledAScreenOfNullHeight() {
        String html = render(Map.of(), step("click", 5, 5, 1920, null, "gone"));
        assertFalse(html.contains("null"), "the caption names a 'null' screen: "
                + html.substring(html.indexOf("<figcaption>"), html.indexOf("</figcaption>")));
    }

    @Test
    void aMissingFrameOnAZeroSizedScreenSaysWhatCanvasItIsDrawnOn() {
        // the canvas drawn is the 1920 x 1080 fallback (the screen is not a size), the caption must not say 0 x 0
        String html = render(Map.of(), step("click", 5, 5, 0, 0, "gone"));
        String caption = html.substring(html.indexOf("<figcaption>"), html.indexOf("</figcaption>"));
        assertTrue(html.contains("viewBox=\"0 0 1920 1080\""), html);
        assertFalse(caption.contains("0 &#215; 0"), "drawn on 1920 x 1080, captioned: " + caption);
    }

    @Test
    void aNegativeScreenIsNotShownAsTheScreensSize() {
        String html = render(Map.of(), step("click", 5, 5, -1920, -1080, null));
        assertTrue(html.contains("screen size unknown"), "a -1920 x -1080 screen drawn as unknown, said so");
    }
}
