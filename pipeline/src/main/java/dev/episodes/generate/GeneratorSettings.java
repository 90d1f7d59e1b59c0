package dev.episodes.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What to simulate. {@code maxDelay} bounds how late an event (or its duplicate) is delivered after
 * its event time, so disorder stays within the contract's 10 s unless a test asks for more.
 * {@code screenshots}: off (refs name the recorder's bucket, nothing is painted) or where painted
 * screenshots go; the events are the same either way but for their {@code screenshot_ref}.
 */
public record GeneratorSettings(int people, Duration duration, long seed, Instant start,
        double duplicateRate, double malformedRate, Duration maxDelay, ScreenshotSettings screenshots) {

    public static final Instant DEFAULT_START = Instant.parse("2026-11-27T08:30:00Z");

    public GeneratorSettings {
        if (people < 1) {
            throw new IllegalArgumentException("people must be at least 1, got " + people);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        if (duplicateRate < 0 || duplicateRate > 0.5 || malformedRate < 0 || malformedRate > 0.5) {
            throw new IllegalArgumentException("duplicate and malformed rates must be within [0, 0.5]");
        }
        if (maxDelay.isNegative() || maxDelay.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("max delay must be within [0, 5 s] so disorder stays under 10 s");
        }
        if (screenshots == null) {
            screenshots = ScreenshotSettings.OFF;
        }
    }

    public GeneratorSettings(int people, Duration duration, long seed, Instant start, double duplicateRate,
            double malformedRate, Duration maxDelay) {
        this(people, duration, seed, start, duplicateRate, malformedRate, maxDelay, ScreenshotSettings.OFF);
    }

    public static GeneratorSettings of(int people, Duration duration, long seed) {
        return new GeneratorSettings(people, duration, seed, DEFAULT_START, 0.02, 0.0, Duration.ofSeconds(3));
    }

    public GeneratorSettings withMalformedRate(double rate) {
        return new GeneratorSettings(people, duration, seed, start, duplicateRate, rate, maxDelay, screenshots);
    }

    public GeneratorSettings withDuplicateRate(double rate) {
        return new GeneratorSettings(people, duration, seed, start, rate, malformedRate, maxDelay, screenshots);
    }

    /** Paints every context event's screenshot into {@code dir} (see {@link ScreenshotSettings}). */
    public GeneratorSettings withScreenshots(Path dir) {
        return withScreenshots(ScreenshotSettings.into(dir));
    }

    public GeneratorSettings withScreenshots(ScreenshotSettings shots) {
        return new GeneratorSettings(people, duration, seed, start, duplicateRate, malformedRate, maxDelay, shots);
    }
}
