package dev.episodes.frames;

import java.util.Objects;

/**
 * A rectangle filled solid on a frame, with why ({@link MaskKinds}). Planned in screen pixels (the
 * recorder's coordinates, those of {@code x}, {@code y} in steps); stored in the frame's own pixels.
 */
public record MaskRect(int x, int y, int w, int h, String kind) {
    /** Width and height of a whole-screen mask: larger than any screen, clipped to the image. */
    public static final int WHOLE = 1 << 16;

    public static MaskRect whole(String kind) {
        return new MaskRect(0, 0, WHOLE, WHOLE, kind);
    }

    /** Whether this covers any screen whole. */
    public boolean isWhole() {
        return x <= 0 && y <= 0 && w >= WHOLE && h >= WHOLE;
    }

    public MaskRect {
        Objects.requireNonNull(kind, "kind");
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("a mask has a positive size, got " + w + "x" + h);
        }
    }
}
