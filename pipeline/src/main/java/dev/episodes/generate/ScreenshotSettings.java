package dev.episodes.generate;

import java.nio.file.Path;

/**
 * Painted screenshots for the generator: off, or a local directory where each context event's screenshot
 * is written as {@code <device>/<ts_us>.png} and referenced by a file:// URI, with {@value #TRUTH_FILE}
 * beside them (where each shows secrets: kinds and boxes, never the secrets). {@code hiDpiPercent} of the
 * 1920x1080 devices paint at twice their screen size, as a 4K display at 200 % does. {@code withoutSecrets}
 * paints the same screens with every planted secret's glyphs left out and the layout kept: the
 * reference render that proves a truth box covers every pixel the secret changed.
 */
public record ScreenshotSettings(Path dir, int hiDpiPercent, boolean withoutSecrets) {
    public static final ScreenshotSettings OFF = new ScreenshotSettings(null, 0, false);
    public static final String TRUTH_FILE = "truth.jsonl";

    public ScreenshotSettings {
        if (hiDpiPercent < 0 || hiDpiPercent > 100) {
            throw new IllegalArgumentException("HiDPI share must be within [0, 100] percent, got " + hiDpiPercent);
        }
    }

    /** Into {@code dir}, a fifth of the 1920x1080 devices at 2x. */
    public static ScreenshotSettings into(Path dir) {
        return new ScreenshotSettings(dir.toAbsolutePath().normalize(), 20, false);
    }

    public boolean on() {
        return dir != null;
    }

    public ScreenshotSettings withHiDpiPercent(int percent) {
        return new ScreenshotSettings(dir, percent, withoutSecrets);
    }

    public ScreenshotSettings leavingSecretsOut() {
        return new ScreenshotSettings(dir, hiDpiPercent, true);
    }
}
