package dev.episodes.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** One device's painted screenshots: its screen model, its painter, where the files go and their truth. */
final class Shots {
    final Screen screen;
    private final ScreenPainter painter;
    private final Path dir;
    private final String deviceId;
    private final List<ScreenTruth> truths;
    private final boolean withoutSecrets;
    long paintNanos;
    long encodeNanos;
    long bytes;

    Shots(ScreenshotSettings settings, String deviceId, int screenW, int screenH, Planted planted, long seed,
            List<ScreenTruth> truths) {
        // a Random of its own: the script's stays untouched, so events are the same with screenshots or without
        Random paint = new Random(mix(seed * 31 + deviceId.hashCode()));
        // HiDPI as a 4K display at 200 % shows it: 1920x1080 logical, 3840x2160 painted (5K at 2x would
        // be 14.7 Mpx a frame: slow to paint, store and read for little more to test)
        int scale = paint.nextInt(100) < settings.hiDpiPercent() && screenW <= 1920 ? 2 : 1;
        this.screen = new Screen(screenW, screenH, scale, planted, paint);
        this.painter = new ScreenPainter(screenW * scale, screenH * scale, paint.nextInt(4));
        this.dir = settings.dir().resolve(deviceId);
        this.deviceId = deviceId;
        this.truths = truths;
        this.withoutSecrets = settings.withoutSecrets();
    }

    /** The murmur3 finalizer: nearby seeds (d-1, d-2) give unrelated first draws, as java.util.Random's do not. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** Paints the screen as it is now, writes it and returns its file:// URI. */
    String shoot(long tsUs) {
        long t0 = System.nanoTime();
        ScreenPainter.Painted p = painter.paint(screen, withoutSecrets);
        long t1 = System.nanoTime();
        byte[] png = PngFile.encode(p.image());
        long t2 = System.nanoTime();
        paintNanos += t1 - t0;
        encodeNanos += t2 - t1;
        bytes += png.length;
        Path file = dir.resolve(tsUs + ".png");
        try {
            Files.createDirectories(dir);
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write screenshot " + file, e);
        }
        String ref = file.toUri().toString();
        truths.add(new ScreenTruth(ref, deviceId, tsUs, p.image().getWidth(), p.image().getHeight(), screen.screenW,
                screen.screenH, p.boxes()));
        return ref;
    }
}
