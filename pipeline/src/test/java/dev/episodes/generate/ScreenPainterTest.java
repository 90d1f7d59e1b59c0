package dev.episodes.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.generate.ScreenTruth.Box;
import dev.episodes.generate.ScreenTruth.Surface;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The painter draws what the script typed, and its truth covers every pixel of every secret: painting
 * the same screen with the secrets left out (layout kept) changes pixels only inside the truth boxes,
 * and inside each glyph box something changes (a box is never vacuous).
 */
class ScreenPainterTest {
    static final String EMAIL = "jordan.garcia77@corp-example.com";
    static final String CARD = "4111-1111-1111-1111";
    static final String PASSWORD = "PwX7k%q2Lm!9zR";

    /** A sign-in, a billing note with a card typed after Home, a name and a URL with a secret, on one screen. */
    static Screen busyScreen(int scale, long paintSeed) {
        Planted planted = new Planted();
        planted.record("EMAIL", EMAIL);
        planted.record("CREDIT_CARD", CARD);
        planted.record("PASSWORD", PASSWORD);
        Screen s = new Screen(1920, 1080, scale, planted, new Random(paintSeed));
        s.window("Google Chrome", "Pay " + CARD + " - billing.example.com",
                "https://billing.example.com/pay?email=" + java.net.URLEncoder.encode(EMAIL,
                        java.nio.charset.StandardCharsets.UTF_8));
        s.focus("textbox", "Email", false, 600, 380, 400, 40);
        type(s, "EMAIL", EMAIL);
        s.focus("textbox", "Notes", false, 600, 500, 600, 200);
        type(s, "CREDIT_CARD", CARD);
        type(s, null, " thanks");
        s.key("Home");
        type(s, null, "order 4471, ");
        s.key("End");
        s.key("Enter");
        type(s, null, "second line, then the card again: ");
        type(s, "CREDIT_CARD", CARD);
        s.focus("textbox", "Code sent to " + EMAIL, false, 600, 760, 500, 40);
        s.focus("textbox", "Password", true, 600, 440, 400, 40);
        type(s, "PASSWORD", PASSWORD);
        s.pointer(700, 455);
        return s;
    }

    static void type(Screen s, String tag, String text) {
        for (char c : text.toCharArray()) {
            s.typed(c, tag);
        }
    }

    static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData().clone();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void leavingTheSecretsOutChangesPixelsOnlyInsideTheTruthBoxes(int scale) {
        for (long seed = 0; seed < 6; seed++) { // some seeds show the password (toggle on), some bullets
            Screen s = busyScreen(scale, seed);
            ScreenPainter painter = new ScreenPainter(1920 * scale, 1080 * scale, 0);
            ScreenPainter.Painted with = painter.paint(s, false);
            int[] a = pixels(with.image());
            List<Box> boxes = with.boxes();
            int[] b = pixels(painter.paint(s, true).image());
            int w = 1920 * scale;
            int[] changedPerBox = new int[boxes.size()];
            for (int i = 0; i < a.length; i++) {
                if (a[i] != b[i]) {
                    int x = i % w;
                    int y = i / w;
                    boolean inside = false;
                    for (int k = 0; k < boxes.size(); k++) {
                        if (boxes.get(k).contains(x, y)) {
                            inside = true;
                            changedPerBox[k]++;
                        }
                    }
                    assertTrue(inside, "pixel " + x + "," + y + " changed outside every truth box (scale " + scale + ")");
                }
            }
            for (int k = 0; k < boxes.size(); k++) {
                Box box = boxes.get(k);
                if (box.surface() != Surface.SECURE_FIELD) {
                    assertTrue(changedPerBox[k] > 0, "glyph box " + box + " holds no glyph pixel");
                }
            }
            boolean shown = s.focus.shown;
            assertEquals(shown, boxes.stream().anyMatch(x -> x.kind().equals("PASSWORD")
                    && x.surface() == Surface.FIELD_TEXT), "a password's glyph box exactly when it is shown");
        }
    }

    @Test
    void eachSurfaceIsReportedWithWhetherTheMaskingRulesReachIt() {
        List<Box> boxes = new ScreenPainter(1920, 1080, 0).paint(busyScreen(1, 1), false).boxes();
        assertTrue(boxes.stream().anyMatch(b -> b.kind().equals("EMAIL") && b.surface() == Surface.FIELD_TEXT
                && b.expectMasked()));
        assertEquals(2, boxes.stream().filter(b -> b.kind().equals("CREDIT_CARD") && b.surface() == Surface.FIELD_TEXT)
                .count(), "the card on both lines of the note");
        assertTrue(boxes.stream().anyMatch(b -> b.surface() == Surface.SECURE_FIELD && b.x() == 600 && b.y() == 440
                && b.w() == 400 && b.h() == 40 && b.expectMasked()), "the secure field at its exact bounds");
        assertTrue(boxes.stream().anyMatch(b -> b.surface() == Surface.ELEMENT_NAME && !b.expectMasked()),
                "the name of a field no longer focused: no rule masks it");
        assertTrue(boxes.stream().anyMatch(b -> b.kind().equals("CREDIT_CARD") && b.surface() == Surface.TITLE
                && !b.expectMasked()));
        assertTrue(boxes.stream().anyMatch(b -> b.kind().equals("EMAIL") && b.surface() == Surface.URL),
                "percent-encoded in the URL");
        for (Box b : boxes) {
            assertTrue(b.x() >= 0 && b.y() >= 0 && b.x() + b.w() <= 1920 && b.y() + b.h() <= 1080, b.toString());
        }
    }

    @Test
    void glyphBoxesStayInsideTheFieldTheTextIsClippedTo() {
        Planted planted = new Planted();
        String key = "ghp_" + "a1B2c3D4e5F6g7H8i9J0".repeat(3);
        planted.record("SECRET", key);
        Screen s = new Screen(1920, 1080, 1, planted, new Random(1));
        s.window("Slack", "#support - Slack", null);
        s.focus("textbox", "Message #support", false, 300, 980, 200, 40);
        type(s, null, "here: ");
        type(s, "SECRET", key);
        List<Box> boxes = new ScreenPainter(1920, 1080, 0).paint(s, false).boxes();
        Box box = boxes.stream().filter(b -> b.kind().equals("SECRET")).findFirst().orElseThrow();
        assertTrue(box.x() + box.w() <= 500 && box.y() >= 980 && box.y() + box.h() <= 1020, box.toString());
        s.key("Enter"); // a chat sends the message: the field is empty again
        assertFalse(new ScreenPainter(1920, 1080, 0).paint(s, false).boxes().stream()
                .anyMatch(b -> b.kind().equals("SECRET")));
    }

    @Test
    void paintingAndEncodingAreDeterministic() {
        byte[] first = PngFile.encode(new ScreenPainter(3840, 2160, 2).paint(busyScreen(2, 3), false).image());
        byte[] second = PngFile.encode(new ScreenPainter(3840, 2160, 2).paint(busyScreen(2, 3), false).image());
        assertArrayEquals(first, second);
    }

    @Test
    void backspaceArrowsHomeAndEndEditWhereTheCaretIs() {
        Screen s = new Screen(1920, 1080, 1, new Planted(), new Random(1));
        s.window("Google Docs", "Notes", "https://docs.example.com/d/1");
        s.focus("document", "Document content", false, 300, 200, 1400, 1000);
        type(s, null, "Hello world");
        s.key("Backspace");
        s.key("Home");
        type(s, null, "> ");
        s.key("End");
        s.key("ArrowLeft");
        type(s, null, "!");
        s.key("Enter");
        type(s, null, "x");
        assertEquals("> Hello wor!\nxl", s.focus.text.toString(), "Enter splits the line at the caret");
        assertEquals(s.focus.text.length(), s.focus.tags.size());
    }
}
