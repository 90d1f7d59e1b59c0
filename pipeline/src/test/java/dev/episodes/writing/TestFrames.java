package dev.episodes.writing;

import dev.episodes.frames.EpisodeFrames;
import dev.episodes.frames.MaskKinds;
import dev.episodes.frames.MaskRect;
import dev.episodes.frames.StoredFrame;
import dev.episodes.session.Episode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Episodes with frames made by hand, as the frames stage would set them: every other step shares the
 * frame of the step before it (distinct per episode), every fifth step has none, and every seventh
 * failed (reason {@code missing}, or {@code timeout} for every 21st). Images are small PNGs of noise
 * (they do not compress, like screenshots after PNG), {@code width} x {@code height} pixels.
 */
public final class TestFrames {
    private TestFrames() {}

    public static List<Episode> withFrames(List<Episode> episodes, int width, int height) {
        List<Episode> out = new ArrayList<>();
        for (Episode e : episodes) {
            out.add(withFrames(e, width, height));
        }
        return out;
    }

    public static Episode withFrames(Episode e, int width, int height) {
        List<String> ids = new ArrayList<>();
        List<StoredFrame> frames = new ArrayList<>();
        Map<String, Long> failures = new TreeMap<>();
        Random random = new Random(e.episodeId().hashCode());
        String last = null;
        for (int i = 0; i < e.steps().size(); i++) {
            if (i % 7 == 6) {
                failures.merge(i % 21 == 20 ? "timeout" : "missing", 1L, Long::sum);
                ids.add(null);
            } else if (i % 5 == 4) {
                ids.add(null);
            } else if (i % 2 == 1 && last != null) {
                ids.add(last);
            } else {
                byte[] png = png(width, height, random);
                String id = frameId(e.episodeId(), png);
                List<MaskRect> masks = i % 3 == 0 ? List.of(new MaskRect(1, 2, Math.max(1, width / 4),
                        Math.max(1, height / 4), MaskKinds.SECURE_FIELD)) : List.of();
                frames.add(new StoredFrame(id, png, "png", width, height, masks));
                ids.add(id);
                last = id;
            }
        }
        return e.withFrames(new EpisodeFrames(ids, frames, failures));
    }

    /** A PNG of noise with a filled rectangle, as ImageIO encodes it. */
    public static byte[] png(int width, int height, Random random) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(1, 2, Math.max(1, width / 4), Math.max(1, height / 4));
        g.dispose();
        return dev.episodes.frames.TestImages.encode(img, "png");
    }

    /** First 32 hex chars of SHA-256(episode id, newline, bytes): the frames stage's id. */
    public static String frameId(String episodeId, byte[] bytes) {
        return dev.episodes.frames.EpisodeFraming.frameId(episodeId, bytes);
    }

    /** Steps whose screenshot failed, by reason, over these episodes. */
    public static Map<String, Long> failures(List<Episode> episodes) {
        Map<String, Long> out = new TreeMap<>();
        for (Episode e : episodes) {
            if (e.frames() != null) {
                e.frames().failures().forEach((k, v) -> out.merge(k, v, Long::sum));
            }
        }
        return out;
    }

    /** Distinct frames over these episodes. */
    public static long frames(List<Episode> episodes) {
        return episodes.stream().filter(e -> e.frames() != null).mapToLong(e -> e.frames().frames().size()).sum();
    }
}
