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

    /**
     * As {@link #watermarks}, for a source whose splits may run apart in event time (Kafka: each topic's
     * partitions): with {@code maxDrift} > 0, a split or reader more than that ahead of the slowest is paused
     * (Flink's watermark alignment, per split where the reader supports it). A backlog's sparse topics
     * otherwise cover hours of event time while the dense ones cover minutes, and every event ahead of the
     * slowest waits in keyed state: at 4.7 million records, up to 52,000 per device, each read back from
     * state at every release once over the cache's bound (7.6 reads per record on RocksDB).
     */
    public static WatermarkStrategy<DecodeResult> aligned(Duration outOfOrderness, Duration idleness, Duration maxDrift) {
        WatermarkStrategy<DecodeResult> strategy = watermarks(outOfOrderness, idleness);
        return maxDrift.isZero() ? strategy
                : strategy.withWatermarkAlignment(ALIGNMENT_GROUP, maxDrift, ALIGNMENT_UPDATES);
    }

    /** One group per job: every Kafka source of a run is aligned with the others. */
    static final String ALIGNMENT_GROUP = "activity";
    /**
     * How often the slowest watermark is announced to the readers. A backlog's event time runs about 1,700
     * times the wall clock here: the drift must cover what one interval reads (2 min of drift stalled the
     * readers, 10 min did not).
     */
    static final Duration ALIGNMENT_UPDATES = Duration.ofMillis(200);

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
