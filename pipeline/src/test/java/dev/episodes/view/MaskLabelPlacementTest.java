package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.inspect.FrameRow;
import dev.episodes.frames.MaskKinds;
import dev.episodes.testing.FramesDatasets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Red team: masks of every kind, where they are stored, on a frame: each outlined at its stored rectangle
 * (clipped to the image), each labelled inside the image. Many masks on one field (a password typed key by
 * key, a recorder's repeated secure-field reports) stack their labels; past the image's bottom a label is
 * drawn where nobody sees it.
 */
class MaskLabelPlacementTest {
    static final Pattern BOX = Pattern.compile("<g class=\"mask\" data-kind=\"([^\"]*)\"><rect class=\"mask-box\" "
            + "x=\"(-?\\d+)\" y=\"(-?\\d+)\" width=\"(\\d+)\" height=\"(\\d+)\"");
    static final Pattern LABEL = Pattern.compile("<text class=\"mask-label\" x=\"([-\\d.]+)\" y=\"([-\\d.]+)\"");

    static String render(FrameRow f) {
        return EpisodeHtml.render(EpisodeHtmlTest.page(Map.of(f.frameId(), f),
                EpisodeHtmlTest.step(0, "click", 10, 10, null, null, f.frameId())));
    }

    @Test
    void everyKindIsOutlinedWhereItIsStored() {
        List<String> kinds = List.of(MaskKinds.SECURE_FIELD, MaskKinds.TYPED_SECRET, MaskKinds.SCOPE_REGION,
                "redacted_context", "unknown_future_kind", "");
        List<FrameRow.Mask> masks = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            masks.add(new FrameRow.Mask(i * 10, i * 6, 8, 5, kinds.get(i)));
        }
        String html = render(new FrameRow("f", 64, 40, FramesDatasets.png(0), masks));
        Matcher m = BOX.matcher(html);
        int i = 0;
        while (m.find()) {
            assertEquals(kinds.get(i), m.group(1));
            assertEquals(List.of(i * 10, i * 6, 8, 5), List.of(Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
            i++;
        }
        assertEquals(kinds.size(), i, "every mask outlined");
    }

    @Test
    void aPartlyOutsideMaskIsClippedToTheImage() {
        String html = render(new FrameRow("f", 64, 40, FramesDatasets.png(0),
                List.of(new FrameRow.Mask(-10, 30, 30, 30, MaskKinds.SECURE_FIELD))));
        assertTrue(html.contains("x=\"0\" y=\"30\" width=\"20\" height=\"10\""), html);
    }

    @Test
    void labelsOfManyMasksOnOneSpotStayInsideTheFrame() {
        // 1280 x 720, as the pipeline stores frames; 40 keystrokes of a password, one mask each, on one field
        List<FrameRow.Mask> masks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            masks.add(new FrameRow.Mask(400, 300, 300, 30, MaskKinds.TYPED_SECRET));
        }
        String html = render(new FrameRow("f", 1280, 720, FramesDatasets.png(1280, 720, java.awt.Color.WHITE),
                masks));
        Matcher m = LABEL.matcher(html);
        List<Double> outside = new ArrayList<>();
        while (m.find()) {
            double y = Double.parseDouble(m.group(2));
            if (y > 720) {
                outside.add(y);
            }
        }
        assertEquals(List.of(), outside, "mask labels drawn below the 720-pixel frame");
    }
}
