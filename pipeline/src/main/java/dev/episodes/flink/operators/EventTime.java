package dev.episodes.flink.operators;

import dev.episodes.decode.DecodeResult;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time in Flink's milliseconds from the contract's microseconds. A watermark of W ms means every
 * event with ts_us up to W*1000+999 has been seen.
 */
public final class EventTime {
    private EventTime() {}

    /** Per source split (Kafka partition) when used at the source; idle splits stop holding time back. */
    public static WatermarkStrategy<DecodeResult> watermarks(Duration outOfOrderness, Duration idleness) {
        long bound = outOfOrderness.toMillis();
        return WatermarkStrategy.<DecodeResult>forGenerator(ctx -> new EventWatermarks(bound))
                .withTimestampAssigner((r, recordTs) -> r instanceof DecodeResult.Decoded d
                        ? Math.floorDiv(d.event().tsUs(), 1000L) : recordTs)
                .withIdleness(idleness);
    }

    public static long watermarkUs(long watermarkMs) {
        if (watermarkMs == Long.MAX_VALUE || watermarkMs == Long.MIN_VALUE) {
            return watermarkMs;
        }
        return watermarkMs * 1000L + 999L;
    }

    /** The millisecond timer whose watermark covers {@code tsUs}: W*1000+999 >= tsUs from W = floor(tsUs/1000). */
    public static long timerMs(long tsUs) {
        return Math.floorDiv(tsUs, 1000L);
    }

    /**
     * The timer for a wake-up at {@code tsUs}, never at or before the current watermark: Flink fires a
     * timer registered at or below the watermark inside the same advance, so a wake-up that had
     * nothing to do there would fire again and again. Later than the current watermark, it fires once
     * at the next one.
     */
    public static long timerMs(long tsUs, long currentWatermarkMs) {
        long ms = timerMs(tsUs);
        if (currentWatermarkMs == Long.MIN_VALUE || currentWatermarkMs == Long.MAX_VALUE) {
            return ms;
        }
        return Math.max(ms, currentWatermarkMs + 1);
    }
}
