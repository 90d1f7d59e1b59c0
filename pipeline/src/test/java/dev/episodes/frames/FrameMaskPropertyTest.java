package dev.episodes.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Over random image sizes, screen scales, maximum widths and rectangles: every stored mask pixel is the
 * fill; every stored pixel whose area covers a full-resolution pixel under a planned rectangle is inside a
 * stored mask (so nothing under a mask reaches an unmasked stored pixel); stored pixels 2 px away from every
 * stored mask equal the same screenshot rendered without masks.
 */
class FrameMaskPropertyTest {
    private static final int FILL = FrameRenderer.FILL.getRGB();

    @Test
    void masksHoldOverRandomSizesScalesAndRectangles() throws Exception {
        Random rnd = new Random(20261201L);
        for (int trial = 0; trial < 120; trial++) {
            int w = 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 700);
            int h = 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 500);
            double scale = new double[] {1, 2, 1.5, 1.25, 0.5, 3}[rnd.nextInt(6)];
            Integer sw = rnd.nextInt(8) == 0 ? null : Math.max(1, (int) Math.round(w / scale));
            Integer sh = sw == null ? null : Math.max(1, (int) Math.round(h / scale));
            int maxWidth = 16 + rnd.nextInt(Math.max(1, w + 40));
            FrameSettings settings = FrameSettings.on().withMaxWidth(maxWidth);
            int screenW = sw == null ? w : sw;
            int screenH = sh == null ? h : sh;
            List<MaskRect> planned = new ArrayList<>();
            for (int i = rnd.nextInt(5); i > 0; i--) {
                int x = rnd.nextInt(screenW + 20) - 10;
                int y = rnd.nextInt(screenH + 20) - 10;
                planned.add(new MaskRect(x, y, 1 + rnd.nextInt(Math.max(1, screenW / 3)),
                        1 + rnd.nextInt(Math.max(1, screenH / 3)), MaskKinds.TYPED_SECRET));
            }
            String at = "trial " + trial + ": " + w + "x" + h + " screen " + sw + "x" + sh + " max " + maxWidth
                    + " masks " + planned;
            byte[] shot = TestImages.encode(TestImages.noise(w, h, trial), "png");
            FrameRenderer r = new FrameRenderer(settings);
            FrameRenderer.Rendered masked = r.render(shot, sw, sh, planned);
            FrameRenderer.Rendered clean = r.render(shot, sw, sh, List.of());
            BufferedImage out = TestImages.decode(masked.image());
            BufferedImage ref = TestImages.decode(clean.image());
            int ow = out.getWidth();
            int oh = out.getHeight();
            assertEquals(Math.min(w, maxWidth), ow, at);
            assertTrue(masked.masks().size() <= planned.size(), at);
            boolean[] inMask = new boolean[ow * oh];
            for (MaskRect m : masked.masks()) {
                assertTrue(m.x() >= 0 && m.y() >= 0 && m.x() + m.w() <= ow && m.y() + m.h() <= oh, at + " " + m);
                for (int y = m.y(); y < m.y() + m.h(); y++) {
                    for (int x = m.x(); x < m.x() + m.w(); x++) {
                        assertEquals(FILL, out.getRGB(x, y), at + " stored mask pixel " + x + "," + y);
                        inMask[y * ow + x] = true;
                    }
                }
            }
            // Full-resolution pixels under a planned rect (their area overlaps its scaled area).
            double fx = (double) w / screenW;
            double fy = (double) h / screenH;
            for (MaskRect m : planned) {
                double x0 = m.x() * fx;
                double x1 = (m.x() + m.w()) * fx;
                double y0 = m.y() * fy;
                double y1 = (m.y() + m.h()) * fy;
                for (int iy = Math.max(0, (int) Math.floor(y0)); iy < Math.min(h, Math.ceil(y1)); iy++) {
                    for (int ix = Math.max(0, (int) Math.floor(x0)); ix < Math.min(w, Math.ceil(x1)); ix++) {
                        // every stored pixel whose area overlaps [ix, ix+1) x [iy, iy+1)
                        int ox0 = (int) Math.floor((double) ix * ow / w);
                        int ox1 = (int) Math.ceil((double) (ix + 1) * ow / w);
                        int oy0 = (int) Math.floor((double) iy * oh / h);
                        int oy1 = (int) Math.ceil((double) (iy + 1) * oh / h);
                        for (int oy = oy0; oy < Math.min(oh, oy1); oy++) {
                            for (int ox = ox0; ox < Math.min(ow, ox1); ox++) {
                                assertTrue(inMask[oy * ow + ox], at + ": source " + ix + "," + iy
                                        + " reaches unmasked stored " + ox + "," + oy);
                            }
                        }
                    }
                }
            }
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    if (!near(masked.masks(), x, y, 2)) {
                        assertEquals(ref.getRGB(x, y), out.getRGB(x, y), at + " untouched at " + x + "," + y);
                    }
                }
            }
        }
    }

    private static boolean near(List<MaskRect> masks, int x, int y, int margin) {
        for (MaskRect m : masks) {
            if (x >= m.x() - margin && x < m.x() + m.w() + margin && y >= m.y() - margin && y < m.y() + m.h() + margin) {
                return true;
            }
        }
        return false;
    }
}
