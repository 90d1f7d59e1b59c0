package dev.episodes.decode;

import java.time.Duration;
import java.time.Instant;

/**
 * Plausible event times. Before 2000-01-01 is absurd (a reset device clock); after {@code maxTsUs} is
 * absurd too: recordings cannot come from the future, so the bound is "now" at job start plus a
 * tolerance for device clocks that run ahead. Such events would otherwise drag the watermark forward
 * and make every honest event late.
 */
public record TimeBounds(long minTsUs, long maxTsUs) implements java.io.Serializable {
    public static final long Y2000_US = 946_684_800_000_000L;

    public TimeBounds {
        if (maxTsUs <= minTsUs) {
            throw new IllegalArgumentException("maxTsUs must be after minTsUs");
        }
    }

    public static TimeBounds aheadOf(Instant now, Duration maxAhead) {
        return new TimeBounds(Y2000_US, micros(now) + maxAhead.toNanos() / 1000);
    }

    public static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
