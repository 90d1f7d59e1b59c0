package dev.episodes.ordering;

/**
 * Whether the input of one keyed instance has gone quiet: no event for {@code quietMs} of processing
 * time, and a watermark that stood still between two looks at least {@code sampleMs} apart. Event time
 * moves only with events, so once every input stops, the last episodes would wait forever for a
 * watermark that never comes; a quiet instance closes them itself (see
 * {@link dev.episodes.device.DeviceState#closeQuiet}). The watermark is only looked at when a timer
 * fires, so a change between two looks counts as seen at the later one: a moving event time (other
 * devices still sending) never looks quiet, and the watermarks that trail the last events delay the
 * close by one sample at most. Milliseconds of processing time.
 */
public final class QuietClock {
    private static final long NEVER = Long.MIN_VALUE;

    private final long quietMs;
    private final long sampleMs;
    private long lastInputAtMs = NEVER;
    private long watermarkMs = Long.MIN_VALUE;
    private long watermarkSeenAtMs = NEVER; // when the current watermark was first seen

    /** @param quietMs processing time without input after which the input is quiet; 0: never */
    public QuietClock(long quietMs) {
        if (quietMs < 0) {
            throw new IllegalArgumentException("quiet time must be 0 (off) or positive, got " + quietMs + " ms");
        }
        this.quietMs = quietMs;
        this.sampleMs = Math.max(1L, Math.min(1_000L, quietMs / 10));
    }

    public boolean enabled() {
        return quietMs > 0;
    }

    /** An event arrived at processing time {@code nowMs}. */
    public void input(long nowMs) {
        lastInputAtMs = nowMs;
    }

    /** A look at the watermark, {@code ms}, at processing time {@code nowMs}. */
    public void watermark(long ms, long nowMs) {
        if (ms != watermarkMs || watermarkSeenAtMs == NEVER) {
            watermarkMs = ms;
            watermarkSeenAtMs = nowMs;
        }
        if (lastInputAtMs == NEVER) {
            lastInputAtMs = nowMs; // first look after a (re)start: quiet from here on, at the earliest
        }
    }

    public boolean quiet(long nowMs) {
        return enabled() && lastInputAtMs != NEVER && watermarkSeenAtMs != NEVER
                && nowMs - lastInputAtMs >= quietMs && nowMs - watermarkSeenAtMs >= sampleMs;
    }

    /** The earliest processing time after {@code nowMs} at which the input can be quiet if nothing arrives. */
    public long quietAtMs(long nowMs) {
        long at = lastInputAtMs == NEVER ? nowMs + quietMs : lastInputAtMs + quietMs;
        if (watermarkSeenAtMs != NEVER) {
            at = Math.max(at, watermarkSeenAtMs + sampleMs);
        }
        return Math.max(at, nowMs + 1);
    }
}
