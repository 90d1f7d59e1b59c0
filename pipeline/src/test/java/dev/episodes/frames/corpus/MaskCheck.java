package dev.episodes.frames.corpus;

import dev.episodes.frames.MaskRect;
import dev.episodes.frames.corpus.FramesCase.Region;
import dev.episodes.frames.corpus.FramesCase.Shot;
import dev.episodes.generate.ScreenTruth;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * For the frames stage's end-to-end tests (generated corpus and this corpus): checks one stored frame
 * against the unmasked screenshot it was made from and that screenshot's truth. Problems come back as
 * sentences (empty: the frame is right), so a test can gather them over a whole dataset.
 * <ul>
 * <li>every mask is solid (one colour: filled, never blurred);</li>
 * <li>every region that must be masked (source pixels, scaled to stored pixels and rounded outward) is
 *     covered pixel by pixel by the stored masks: no pixel of a secret's glyphs survives;</li>
 * <li>every untouched region (rounded inward, less a pixel of resampling margin) meets no mask, and its
 *     pixels are the source's: equal when the frame kept the source size and a lossless encoding, else
 *     of the same brightness (within 8 of 255) and at least half the contrast (not blurred, not filled).</li>
 * </ul>
 */
public final class MaskCheck {
    private MaskCheck() {}

    /** What must be masked on a generated screenshot: the boxes the masking rules are meant to reach. */
    public static List<Region> mustMask(ScreenTruth truth) {
        return truth.boxes().stream().filter(ScreenTruth.Box::expectMasked)
                .map(b -> new Region(b.x(), b.y(), b.w(), b.h(), b.kind())).toList();
    }

    /** Every secret on a generated screenshot, those no rule reaches (title and URL bars) too. */
    public static List<Region> everySecret(ScreenTruth truth) {
        return truth.boxes().stream().map(b -> new Region(b.x(), b.y(), b.w(), b.h(), b.kind())).toList();
    }

    /**
     * Whether pixels may change without a mask: a JPEG source or stored frame, or a grayscale source
     * (its linear grey is converted to sRGB, and conversions round differently).
     */
    public static boolean lossy(String sourceFormat, String storedFormat) {
        return sourceFormat.equals("jpeg") || sourceFormat.equals("gray-png") || storedFormat.equals("jpeg");
    }

    public static List<String> check(BufferedImage source, BufferedImage stored, List<MaskRect> masks, Shot shot,
            boolean lossy) {
        return check(source, stored, masks, shot.mustMask(), shot.untouched(), lossy);
    }

    public static List<String> check(BufferedImage source, BufferedImage stored, List<MaskRect> masks,
            List<Region> mustMask, List<Region> untouched, boolean lossy) {
        List<String> problems = new ArrayList<>();
        double sx = stored.getWidth() / (double) source.getWidth();
        double sy = stored.getHeight() / (double) source.getHeight();
        for (MaskRect m : masks) {
            int first = stored.getRGB(clampX(stored, m.x()), clampY(stored, m.y())) & 0xFFFFFF;
            scan:
            for (int y = Math.max(0, m.y()); y < Math.min(stored.getHeight(), m.y() + m.h()); y++) {
                for (int x = Math.max(0, m.x()); x < Math.min(stored.getWidth(), m.x() + m.w()); x++) {
                    if ((stored.getRGB(x, y) & 0xFFFFFF) != first) {
                        problems.add("mask " + m + " is not solid at " + x + "," + y);
                        break scan;
                    }
                }
            }
        }
        for (Region r : mustMask) {
            int x0 = Math.max(0, (int) Math.floor(r.x() * sx));
            int y0 = Math.max(0, (int) Math.floor(r.y() * sy));
            int x1 = Math.min(stored.getWidth(), (int) Math.ceil((r.x() + r.w()) * sx));
            int y1 = Math.min(stored.getHeight(), (int) Math.ceil((r.y() + r.h()) * sy));
            int uncovered = 0;
            String firstAt = null;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    if (!covered(masks, x, y)) {
                        uncovered++;
                        if (firstAt == null) {
                            firstAt = x + "," + y;
                        }
                    }
                }
            }
            if (uncovered > 0) {
                problems.add(r.what() + " at " + r + " (source px): " + uncovered + " stored pixels unmasked, first at "
                        + firstAt);
            }
        }
        for (Region r : untouched) {
            int x0 = (int) Math.ceil(r.x() * sx) + 1;
            int y0 = (int) Math.ceil(r.y() * sy) + 1;
            int x1 = Math.min(stored.getWidth(), (int) Math.floor((r.x() + r.w()) * sx) - 1);
            int y1 = Math.min(stored.getHeight(), (int) Math.floor((r.y() + r.h()) * sy) - 1);
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            boolean masked = false;
            for (MaskRect m : masks) {
                if (m.x() < x1 && x0 < m.x() + m.w() && m.y() < y1 && y0 < m.y() + m.h()) {
                    problems.add(r.what() + " at " + r + " should stay untouched but mask " + m + " covers part of it");
                    masked = true;
                }
            }
            if (masked) {
                continue;
            }
            boolean sameSize = stored.getWidth() == source.getWidth() && stored.getHeight() == source.getHeight();
            if (sameSize && !lossy) {
                scan:
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        if ((stored.getRGB(x, y) & 0xFFFFFF) != (source.getRGB(x, y) & 0xFFFFFF)) {
                            problems.add(r.what() + " at " + r + " changed at " + x + "," + y);
                            break scan;
                        }
                    }
                }
                continue;
            }
            // resampled or lossy: downscalers differ pixel by pixel, but keep a region's tone and contrast
            double[] a = stats(stored, x0, y0, x1, y1);
            double[] b = stats(source, (int) Math.floor(x0 / sx), (int) Math.floor(y0 / sy),
                    Math.min(source.getWidth(), (int) Math.ceil(x1 / sx)), Math.min(source.getHeight(), (int) Math.ceil(y1 / sy)));
            if (Math.abs(a[0] - b[0]) > 8) {
                problems.add(r.what() + " at " + r + ": mean brightness " + Math.round(a[0]) + ", source " + Math.round(b[0]));
            }
            if (b[1] > 4 && a[1] < 0.5 * b[1]) {
                problems.add(r.what() + " at " + r + ": contrast " + Math.round(a[1]) + ", source " + Math.round(b[1])
                        + " (blurred or filled)");
            }
        }
        return problems;
    }

    /**
     * Everything away from the masks is untouched: the stored frame cut into tiles of {@code tile} stored
     * pixels, and every tile at least 2 pixels from every mask compared with the source as an untouched
     * region is (for generated screenshots, whose untouched regions are everywhere a mask is not).
     */
    public static List<String> checkAwayFromMasks(BufferedImage source, BufferedImage stored, List<MaskRect> masks,
            int tile, boolean lossy) {
        double sx = stored.getWidth() / (double) source.getWidth();
        double sy = stored.getHeight() / (double) source.getHeight();
        List<Region> away = new ArrayList<>();
        for (int ty = 0; ty + tile <= stored.getHeight(); ty += tile) {
            for (int tx = 0; tx + tile <= stored.getWidth(); tx += tile) {
                boolean near = false;
                for (MaskRect m : masks) {
                    if (m.x() - 2 < tx + tile && tx < m.x() + m.w() + 2 && m.y() - 2 < ty + tile && ty < m.y() + m.h() + 2) {
                        near = true;
                        break;
                    }
                }
                if (!near) { // back to source pixels, rounded inward so the region stays inside the tile
                    int x0 = (int) Math.ceil(tx / sx);
                    int y0 = (int) Math.ceil(ty / sy);
                    int x1 = (int) Math.floor((tx + tile) / sx);
                    int y1 = (int) Math.floor((ty + tile) / sy);
                    away.add(new Region(x0, y0, x1 - x0, y1 - y0, "tile " + tx + "," + ty));
                }
            }
        }
        return check(source, stored, masks, List.of(), away, lossy);
    }

    private static boolean covered(List<MaskRect> masks, int x, int y) {
        for (MaskRect m : masks) {
            if (x >= m.x() && y >= m.y() && x < m.x() + m.w() && y < m.y() + m.h()) {
                return true;
            }
        }
        return false;
    }

    /** Mean and standard deviation of the brightness (mean of R, G, B) over a rectangle. */
    private static double[] stats(BufferedImage img, int x0, int y0, int x1, int y1) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = img.getRGB(x, y);
                double v = (((p >> 16) & 0xFF) + ((p >> 8) & 0xFF) + (p & 0xFF)) / 3.0;
                sum += v;
                sq += v * v;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        return new double[] {mean, n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - mean * mean))};
    }

    private static int clampX(BufferedImage i, int x) {
        return Math.max(0, Math.min(i.getWidth() - 1, x));
    }

    private static int clampY(BufferedImage i, int y) {
        return Math.max(0, Math.min(i.getHeight() - 1, y));
    }
}
