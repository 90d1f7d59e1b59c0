package dev.episodes.frames.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.frames.MaskRect;
import dev.episodes.frames.corpus.FramesCase.Region;
import dev.episodes.frames.corpus.FramesCase.Shot;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check the frames stage's end-to-end tests use: it passes a frame masked as the truth asks (here
 * masked by a reference masker written for this test, downscaled to 1280 px), and it catches a missing
 * mask, a mask one pixel short, a blurred mask and a mask over an untouched region.
 */
class MaskCheckTest {
    @TempDir
    static Path dir;

    /** Masks the source at the shot's truth (image px), downscales to {@code maxW}, masks again in stored px. */
    static BufferedImage reference(BufferedImage src, List<Region> regions, int maxW, List<MaskRect> out) {
        int w = Math.min(maxW, src.getWidth());
        int h = (int) Math.round(src.getHeight() * (w / (double) src.getWidth()));
        BufferedImage full = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        // getRGB, not drawImage: drawing a grey image converts its linear grey darker than its sRGB values
        full.setRGB(0, 0, src.getWidth(), src.getHeight(), src.getRGB(0, 0, src.getWidth(), src.getHeight(), null, 0,
                src.getWidth()), 0, src.getWidth());
        Graphics2D g = full.createGraphics();
        g.setColor(Color.BLACK);
        regions.forEach(r -> g.fillRect(r.x(), r.y(), r.w(), r.h()));
        g.dispose();
        BufferedImage stored = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D s = stored.createGraphics();
        s.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        s.drawImage(full, 0, 0, w, h, null);
        s.setColor(Color.BLACK);
        double k = w / (double) src.getWidth();
        for (Region r : regions) {
            int x0 = (int) Math.floor(r.x() * k);
            int y0 = (int) Math.floor(r.y() * k);
            int x1 = Math.min(w, (int) Math.ceil((r.x() + r.w()) * k));
            int y1 = Math.min(h, (int) Math.ceil((r.y() + r.h()) * k));
            s.fillRect(x0, y0, x1 - x0, y1 - y0);
            out.add(new MaskRect(x0, y0, x1 - x0, y1 - y0, "typed_secret"));
        }
        s.dispose();
        return stored;
    }

    @Test
    void passesEveryCorpusShotMaskedAsItsTruthSays() throws IOException {
        int checked = 0;
        for (FramesCase c : FramesCorpus.write(dir)) {
            for (Shot shot : c.shots()) {
                if (shot.fails()) {
                    continue;
                }
                BufferedImage src = ImageIO.read(shot.file().toFile());
                List<MaskRect> masks = new ArrayList<>();
                BufferedImage stored = reference(src, shot.mustMask(), 1280, masks);
                assertEquals(List.of(), MaskCheck.check(src, stored, masks, shot, MaskCheck.lossy(shot.format(), "png")),
                        c.name());
                checked++;
            }
        }
        assertTrue(checked > 15);
    }

    @Test
    void everythingAwayFromTheMasksOfAGeneratedScreenshotIsUntouched() throws IOException {
        Path shots = dir.resolve("generated");
        var facts = dev.episodes.generate.ActivityGenerator.write(dev.episodes.generate.GeneratorSettings
                .of(1, java.time.Duration.ofMinutes(6), 3).withScreenshots(shots), new java.io.StringWriter());
        var truth = facts.screens().stream().filter(t -> !MaskCheck.mustMask(t).isEmpty()).findFirst().orElseThrow();
        BufferedImage src = ImageIO.read(Path.of(java.net.URI.create(truth.ref())).toFile());
        List<MaskRect> masks = new ArrayList<>();
        BufferedImage stored = reference(src, MaskCheck.mustMask(truth), 1280, masks);
        assertEquals(List.of(), MaskCheck.check(src, stored, masks, MaskCheck.mustMask(truth), List.of(), false));
        assertEquals(List.of(), MaskCheck.checkAwayFromMasks(src, stored, masks, 32, false));
        List<MaskRect> wider = new ArrayList<>(masks); // claim a smaller mask than was filled: the fill is caught
        MaskRect m = masks.get(0);
        wider.set(0, new MaskRect(m.x(), m.y(), 1, 1, m.kind()));
        assertTrue(!MaskCheck.checkAwayFromMasks(src, stored, wider, 8, false).isEmpty(), "a fill outside the masks named");
    }

    @Test
    void catchesAMissingMaskAShortMaskABlurAndAMaskedUntouchedRegion() throws IOException {
        FramesCase retina = FramesCorpus.write(dir.resolve("again")).get(0);
        Shot shot = retina.shots().get(1);
        BufferedImage src = ImageIO.read(shot.file().toFile());
        List<MaskRect> masks = new ArrayList<>();
        BufferedImage stored = reference(src, shot.mustMask(), 1280, masks);

        List<MaskRect> missing = masks.subList(1, masks.size());
        assertTrue(MaskCheck.check(src, stored, missing, shot, false).stream()
                .anyMatch(p -> p.startsWith("EMAIL") && p.contains("unmasked")));

        MaskRect m = masks.get(0);
        List<MaskRect> short1 = new ArrayList<>(masks);
        short1.set(0, new MaskRect(m.x(), m.y(), m.w() - 1, m.h(), m.kind()));
        assertTrue(MaskCheck.check(src, stored, short1, shot, false).stream().anyMatch(p -> p.contains("unmasked")),
                "one pixel column short");

        BufferedImage blurred = new BufferedImage(stored.getWidth(), stored.getHeight(), BufferedImage.TYPE_INT_RGB);
        blurred.getGraphics().drawImage(stored, 0, 0, null);
        blurred.setRGB(m.x() + 1, m.y() + 1, 0x404040);
        assertTrue(MaskCheck.check(src, blurred, masks, shot, false).stream().anyMatch(p -> p.contains("not solid")));

        Region clock = shot.untouched().get(0);
        List<MaskRect> over = new ArrayList<>(masks);
        double k = stored.getWidth() / (double) src.getWidth();
        over.add(new MaskRect((int) (clock.x() * k) + 2, (int) (clock.y() * k) + 2, 6, 6, "scope_region"));
        assertTrue(MaskCheck.check(src, stored, over, shot, false).stream().anyMatch(p -> p.contains("untouched")));
    }
}
