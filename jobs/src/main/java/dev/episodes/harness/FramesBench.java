package dev.episodes.harness;

import dev.episodes.frames.FrameRenderer;
import dev.episodes.frames.FrameSettings;
import dev.episodes.frames.MaskKinds;
import dev.episodes.frames.MaskRect;
import dev.episodes.frames.SampleScreenshot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The frames section of {@code ./episodes bench}: frames per second on one thread (per core) for 2560x1440
 * PNG screenshots held in memory (decode, mask, downscale to 1280, encode), next to floors measured in the
 * same run on the same images: ImageIO decode + encode at the screenshot's size, and decode + encode at the
 * stored size (the codec work no frames stage can skip); the time of each phase; bytes per stored frame.
 */
final class FramesBench {
    static final int W = 2560;
    static final int H = 1440;
    private static final int SHOTS = 4;
    private static final int ROUNDS = 3; // best of three, as the other floors
    private static final int PER_ROUND = 8;
    private static final List<MaskRect> MASKS = List.of(new MaskRect(120, 200, 360, 36, MaskKinds.SECURE_FIELD),
            new MaskRect(700, 420, 240, 28, MaskKinds.TYPED_SECRET), new MaskRect(0, 700, 1280, 20, MaskKinds.SCOPE_REGION));

    private FramesBench() {}

    private interface Work {
        void run(int shot) throws Exception;
    }

    static void report(BenchReport report, PrintStream log) throws Exception {
        ImageIO.setUseCache(false); // the floors decode and encode in memory, as the frames stage does
        log.println("Frames: drawing 2560x1440 screenshots...");
        byte[][] shots = new byte[SHOTS][];
        for (int s = 0; s < SHOTS; s++) {
            shots[s] = SampleScreenshot.encoded(W, H, s, "png");
        }
        for (String format : List.of("png", "jpeg")) {
            report.section("frames, " + format + " (one thread, 2560x1440 PNG screenshots in memory, best of 3)");
            log.println("Frames: " + format + "...");
            FrameRenderer r = new FrameRenderer(FrameSettings.on().withFormat(format, 0.85f));
            BufferedImage[] decoded = new BufferedImage[SHOTS];
            BufferedImage[] stored = new BufferedImage[SHOTS];
            long bytes = 0;
            for (int s = 0; s < SHOTS; s++) {
                decoded[s] = r.decode(shots[s]);
                stored[s] = FrameRenderer.downscale(decoded[s], 1280, 720);
                bytes += r.render(shots[s], 1280, 720, MASKS).image().length;
            }
            double frames = rate(s -> r.render(shots[s], 1280, 720, MASKS));
            double floor = rate(s -> write(ImageIO.read(new ByteArrayInputStream(shots[s])), format));
            double strict = rate(s -> {
                ImageIO.read(new ByteArrayInputStream(shots[s]));
                write(stored[s], format);
            });
            String k = "frames_" + format;
            report.figure(k + "_per_s_per_core", "frames (decode, mask, downscale, encode)", frames, "frames/s", null);
            report.figure("floor_" + k + "_decode_encode_per_s", "floor: ImageIO decode + encode, same size", floor,
                    "frames/s", null);
            report.figure(k + "_vs_floor", "  frames vs that floor", frames / floor, "x", "target >= 0.8");
            report.figure("floor_" + k + "_decode_encode_stored_per_s", "floor: decode + encode at the stored size",
                    strict, "frames/s", null);
            report.figure(k + "_vs_stored_floor", "  frames vs that floor", frames / strict, "x", null);
            report.figure(k + "_phase_decode_ms", "  phase: decode", 1000 / rate(s -> r.decode(shots[s])), "ms", null);
            report.figure(k + "_phase_downscale_ms", "  phase: downscale to 1280",
                    1000 / rate(s -> FrameRenderer.downscale(decoded[s], 1280, 720)), "ms", null);
            report.figure(k + "_phase_encode_ms", "  phase: encode 1280x720", 1000 / rate(s -> r.encode(stored[s])),
                    "ms", null);
            report.figure(k + "_bytes_per_frame", "bytes per stored frame (1280x720)", bytes / (double) SHOTS, "bytes",
                    String.format("screenshot %,d bytes", shots[0].length));
            report.figure(k + "_cores_per_100_fps", "cores for a fleet's 100 frames/s", 100 / frames, "cores", null);
        }
    }

    private static double rate(Work w) throws Exception {
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                w.run(i % SHOTS);
            }
            best = Math.max(best, PER_ROUND / Floors.seconds(t0));
        }
        return best;
    }

    private static void write(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
    }

    /** For a quick look without the rest of the bench: {@code java -cp episodes.jar dev.episodes.harness.FramesBench}. */
    public static void main(String[] args) throws Exception {
        BenchReport report = new BenchReport();
        report(report, System.err);
        report.print(System.out);
    }

}
