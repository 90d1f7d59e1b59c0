package dev.episodes.frames;

import java.io.Serializable;
import java.time.Duration;

/**
 * How frames are made. Off by default: then no screenshot is read and no store is contacted.
 * {@code maxWidth}: frames wider are downscaled, aspect kept; {@code format} {@code png} or
 * {@code jpeg} ({@code quality} 0..1 for JPEG); {@code maxBytes}, {@code maxPixels}: larger screenshots
 * are refused as oversized before they are decoded; {@code readTimeout}: a read slower than this fails
 * as a timeout; {@code concurrency}: screenshot reads in flight per parallel instance.
 */
public record FrameSettings(boolean enabled, int maxWidth, String format, float quality, long maxBytes,
        long maxPixels, Duration readTimeout, int concurrency) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final FrameSettings OFF = new FrameSettings(false, 1280, "png", 0.9f, 32L << 20, 64_000_000L,
            Duration.ofSeconds(10), 8);

    public FrameSettings {
        if (maxWidth < 16) {
            throw new IllegalArgumentException("frame max width must be at least 16 pixels, got " + maxWidth);
        }
        if (!format.equals("png") && !format.equals("jpeg")) {
            throw new IllegalArgumentException("frame format must be png or jpeg, got '" + format + "'");
        }
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("frame quality must be in (0, 1], got " + quality);
        }
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("frame size limits must be positive");
        }
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("frame read timeout must be positive, got " + readTimeout);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("frame read concurrency must be at least 1, got " + concurrency);
        }
    }

    /** The defaults, turned on. */
    public static FrameSettings on() {
        return OFF.withEnabled(true);
    }

    public FrameSettings withEnabled(boolean on) {
        return new FrameSettings(on, maxWidth, format, quality, maxBytes, maxPixels, readTimeout, concurrency);
    }

    public FrameSettings withMaxWidth(int w) {
        return new FrameSettings(enabled, w, format, quality, maxBytes, maxPixels, readTimeout, concurrency);
    }

    public FrameSettings withFormat(String f, float q) {
        return new FrameSettings(enabled, maxWidth, f, q, maxBytes, maxPixels, readTimeout, concurrency);
    }

    public FrameSettings withLimits(long bytes, long pixels) {
        return new FrameSettings(enabled, maxWidth, format, quality, bytes, pixels, readTimeout, concurrency);
    }

    public FrameSettings withReads(Duration timeout, int inFlight) {
        return new FrameSettings(enabled, maxWidth, format, quality, maxBytes, maxPixels, timeout, inFlight);
    }
}
