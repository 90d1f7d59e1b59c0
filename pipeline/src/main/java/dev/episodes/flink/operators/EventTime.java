package dev.episodes.flink.operators;

import dev.episodes.event.RawEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time in Flink's milliseconds from the contract's microseconds. A watermark of W ms means every
 * event with ts_us up to W*1000+999 has been seen.
 */
public final class EventTime {
    private EventTime() {}

    public static WatermarkStrategy<RawEvent> watermarks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<RawEvent>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((event, recordTs) -> Math.floorDiv(event.tsUs(), 1000L))
                .withIdleness(idleness);
    }

    public static long watermarkUs(long watermarkMs) {
        if (watermarkMs == Long.MAX_VALUE || watermarkMs == Long.MIN_VALUE) {
            return watermarkMs;
        }
        return watermarkMs * 1000L + 999L;
    }

    public static long timerMs(long tsUs) {
        return Math.floorDiv(tsUs, 1000L);
    }
}
