package dev.episodes.identity;

import java.io.Serializable;

/**
 * What the time columns hold ({@code --time}): absolute event times, or (relative) each step's times as
 * microseconds from its episode's start, and the episode's start cut to its UTC date (or, with
 * {@code keepHour}, its hour); the episode's end keeps its length. Recommended with {@code --identity
 * episode}: exact start times would let an analyst chain one person's episodes by adjacency.
 */
public record TimeScope(boolean relative, boolean keepHour) implements Serializable {
    public static final TimeScope ABSOLUTE = new TimeScope(false, false);
    private static final long DAY_US = 86_400_000_000L;
    private static final long HOUR_US = 3_600_000_000L;

    public TimeScope {
        if (keepHour && !relative) {
            throw new IllegalArgumentException("--time-keep-hour needs --time relative");
        }
    }

    public static TimeScope parse(String s, boolean keepHour) {
        return switch (s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "absolute" -> new TimeScope(false, keepHour);
            case "relative" -> new TimeScope(true, keepHour);
            default -> throw new IllegalArgumentException("--time must be absolute or relative, got '" + s + "'");
        };
    }

    /** From what a dataset records ({@link #wire()}). */
    public static TimeScope fromWire(String wire) {
        return "relative-hour".equals(wire) ? new TimeScope(true, true) : parse(wire, false);
    }

    /** {@code absolute}, {@code relative} or {@code relative-hour}: how datasets record it. */
    public String wire() {
        return !relative ? "absolute" : keepHour ? "relative-hour" : "relative";
    }

    /** A step time of an episode that started at {@code startUs}, as written. */
    public long stepTime(long tsUs, long startUs) {
        return relative ? tsUs - startUs : tsUs;
    }

    /** The episode's start as written: itself, or its UTC day (hour) start. */
    public long episodeStart(long startUs) {
        if (!relative) {
            return startUs;
        }
        long unit = keepHour ? HOUR_US : DAY_US;
        return Math.floorDiv(startUs, unit) * unit;
    }

    /** The episode's end as written: itself, or the written start plus the episode's length. */
    public long episodeEnd(long startUs, long endUs) {
        return relative ? episodeStart(startUs) + (endUs - startUs) : endUs;
    }
}
