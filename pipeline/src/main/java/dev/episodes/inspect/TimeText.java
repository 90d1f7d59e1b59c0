package dev.episodes.inspect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Event times (microseconds since the epoch) as people read them: UTC, to the millisecond. */
final class TimeText {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private TimeText() {}

    static Instant instant(long tsUs) {
        return Instant.ofEpochSecond(Math.floorDiv(tsUs, 1_000_000L), Math.floorMod(tsUs, 1_000_000L) * 1000L);
    }

    /** {@code 09:14:03} */
    static String clock(long tsUs) {
        return CLOCK.format(instant(tsUs));
    }

    /** {@code 09:14:03.250} */
    static String time(long tsUs) {
        return TIME.format(instant(tsUs));
    }

    /** {@code 2026-11-27 09:14:03.250} */
    static String dateTime(long tsUs) {
        return DATE_TIME.format(instant(tsUs));
    }

    /** Time since the episode began, {@code +mm:ss.SSS} (minutes go past 59 in long episodes). */
    static String offset(long us) {
        long ms = Math.floorDiv(us, 1000L);
        return String.format(Locale.ROOT, "+%02d:%02d.%03d", ms / 60_000, ms / 1000 % 60, ms % 1000);
    }

    /** {@code 850ms}, {@code 42.5s}, {@code 14m32s}, {@code 1h05m} */
    static String duration(long us) {
        long ms = Math.max(0, us / 1000);
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, ms / 1000 % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", ms / 3_600_000, ms / 60_000 % 60);
    }
}
