package dev.episodes.flink.operators;

import dev.episodes.decode.DecodeResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness over decoded events only: a dead letter carries no event time (its
 * timestamp is the Kafka record's), so it must not move the watermark.
 */
final class EventWatermarks implements WatermarkGenerator<DecodeResult> {
    private final long outOfOrdernessMs;
    private long maxTsMs = Long.MIN_VALUE;

    EventWatermarks(long outOfOrdernessMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
    }

    @Override
    public void onEvent(DecodeResult result, long timestamp, WatermarkOutput output) {
        if (result instanceof DecodeResult.Decoded) {
            maxTsMs = Math.max(maxTsMs, timestamp);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxTsMs != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(maxTsMs - outOfOrdernessMs - 1));
        }
    }
}
