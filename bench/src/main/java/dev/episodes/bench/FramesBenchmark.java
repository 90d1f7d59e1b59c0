package dev.episodes.bench;

import dev.episodes.frames.FrameFailure;
import dev.episodes.frames.FrameRenderer;
import dev.episodes.frames.FrameSettings;
import dev.episodes.frames.MaskKinds;
import dev.episodes.frames.MaskRect;
import dev.episodes.frames.SampleScreenshot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Frames per second on one thread (per core) for 2560x1440 screenshots held in memory ({@code frame}: decode,
 * mask, downscale to 1280, encode), next to floors measured beside it: ImageIO decoding the same screenshot
 * and encoding it again at its own size ({@code floorDecodeEncode}, what the issue names) and, stricter,
 * decoding it and encoding an image of the stored size ({@code floorDecodeEncodeStored}: the codec work no
 * frames stage can skip). The phases alone ({@code phaseDecode}, {@code phaseDownscale}, {@code phaseEncode})
 * say where the time goes. Ratio = frame / floor, target at least 0.8. Stored bytes per frame are printed at
 * setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FramesBenchmark {
    static final int W = 2560;
    static final int H = 1440;
    static final int SHOTS = 4;

    /** How the recorder stored the screenshot. */
    @Param({"png", "jpeg"})
    public String input;

    /** How the dataset stores the frame. */
    @Param({"png", "jpeg"})
    public String output;

    private byte[][] shots;
    private BufferedImage[] decoded;
    private BufferedImage[] stored;
    private FrameRenderer renderer;
    private final List<MaskRect> masks = List.of(new MaskRect(120, 200, 360, 36, MaskKinds.SECURE_FIELD),
            new MaskRect(700, 420, 240, 28, MaskKinds.TYPED_SECRET), new MaskRect(0, 700, 1280, 20, MaskKinds.SCOPE_REGION));
    private int i;

    @Setup
    public void draw() throws Exception {
        ImageIO.setUseCache(false); // the floors decode and encode in memory, as the frames stage does
        renderer = new FrameRenderer(FrameSettings.on().withFormat(output, 0.85f));
        shots = new byte[SHOTS][];
        decoded = new BufferedImage[SHOTS];
        stored = new BufferedImage[SHOTS];
        long bytes = 0;
        for (int s = 0; s < SHOTS; s++) {
            shots[s] = SampleScreenshot.encoded(W, H, s, input);
            decoded[s] = renderer.decode(shots[s]);
            stored[s] = FrameRenderer.downscale(decoded[s], 1280, 720);
            bytes += renderer.render(shots[s], 1280, 720, masks).image().length;
        }
        System.out.printf("%n%s screenshot %,d bytes -> %s frame %,d bytes (mean of %d)%n", input,
                shots[0].length, output, bytes / SHOTS, SHOTS);
    }

    private int next() {
        i = i + 1 == SHOTS ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public void frame(Blackhole bh) throws FrameFailure {
        bh.consume(renderer.render(shots[next()], 1280, 720, masks));
    }

    @Benchmark
    public void floorDecodeEncode(Blackhole bh) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(shots[next()]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, output, out);
        bh.consume(out.size());
    }

    @Benchmark
    public void floorDecodeEncodeStored(Blackhole bh) throws IOException {
        int s = next();
        bh.consume(ImageIO.read(new ByteArrayInputStream(shots[s])));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(stored[s], output, out);
        bh.consume(out.size());
    }

    @Benchmark
    public void phaseDecode(Blackhole bh) throws FrameFailure {
        bh.consume(renderer.decode(shots[next()]));
    }

    @Benchmark
    public void phaseDownscale(Blackhole bh) {
        bh.consume(FrameRenderer.downscale(decoded[next()], 1280, 720));
    }

    @Benchmark
    public void phaseEncode(Blackhole bh) {
        bh.consume(renderer.encode(stored[next()]));
    }
}
