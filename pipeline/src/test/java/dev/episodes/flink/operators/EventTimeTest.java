package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.episodes.config.PipelineConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventTimeTest {
    @Test
    void aWatermarkOfWMillisecondsCoversEveryMicrosecondOfW() {
        assertEquals(5_999L, EventTime.watermarkUs(5));
        assertEquals(5L, EventTime.timerMs(5_000));
        assertEquals(5L, EventTime.timerMs(5_999), "fires at the first watermark that covers it");
        assertEquals(6L, EventTime.timerMs(6_000));
        assertEquals(-1L, EventTime.timerMs(-1), "floor, not truncation, before the epoch");
    }

    @Test
    void aTimerIsNeverArmedAtOrBeforeTheCurrentWatermark() {
        assertEquals(8L, EventTime.timerMs(7_999, 7), "at the watermark: the next one");
        assertEquals(8L, EventTime.timerMs(3_000, 7), "before the watermark: the next one");
        assertEquals(9L, EventTime.timerMs(9_500, 7), "after it: where it belongs");
        assertEquals(3L, EventTime.timerMs(3_000, Long.MIN_VALUE), "no watermark yet");
        assertEquals(3L, EventTime.timerMs(3_000, Long.MAX_VALUE), "after the final watermark nothing fires");
    }

    @Test
    void kafkaSourcesAreAlignedWithinTheDriftByDefaultAndNotAtZero() {
        PipelineConfig c = PipelineConfig.defaults();
        assertEquals(Duration.ofMinutes(10), c.maxDrift());
        var params = EventTime.aligned(c.outOfOrderness(), c.idleness(), c.maxDrift()).getAlignmentParameters();
        assertEquals(Duration.ofMinutes(10).toMillis(), params.getMaxAllowedWatermarkDrift());
        assertEquals(EventTime.ALIGNMENT_GROUP, params.getWatermarkGroup());
        assertEquals(200L, params.getUpdateInterval());
        assertFalse(EventTime.aligned(c.outOfOrderness(), c.idleness(), Duration.ZERO).getAlignmentParameters()
                .isEnabled(), "0 turns it off");
        var refused = assertThrows(IllegalArgumentException.class, () -> c.withMaxDrift(Duration.ofSeconds(-1)));
        assertEquals("max-drift must be a duration or 0 (off), got PT-1S", refused.getMessage());
    }
}
