package dev.episodes.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.frames.FrameSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** --device-idle: never shorter than what a device's state remembers, so forgetting never changes output. */
class DeviceIdleConfigTest {
    @Test
    void theDefaultIsThreeDaysAndBoundToTheDeviceSettings() {
        PipelineConfig c = PipelineConfig.defaults();
        assertEquals(Duration.ofDays(3), c.deviceIdle());
        DeviceSettings s = c.deviceSettings();
        assertEquals(3L * 24 * 3600 * 1_000_000, s.idleUs());
        assertEquals(60_000_000L, s.dedupRetentionUs());
        assertEquals(c.sessionRules(), s.rules());
    }

    @Test
    void shorterThanTheGapTheRetentionOrWithFramesADayIsRefusedNamingTheFlag() {
        PipelineConfig c = PipelineConfig.defaults();
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> c.withDeviceIdle(Duration.ofMinutes(4)));
        assertTrue(gap.getMessage().contains("device-idle"), gap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.withDeviceIdle(Duration.ofSeconds(59)), "below the gap and the retention");
        c.withDeviceIdle(Duration.ofMinutes(5)); // the gap (longer than the 60 s retention): accepted
        PipelineConfig frames = c.withFrames(FrameSettings.on());
        IllegalArgumentException day = assertThrows(IllegalArgumentException.class, () -> frames.withDeviceIdle(Duration.ofHours(23)));
        assertTrue(day.getMessage().contains("mask memory"), day.getMessage());
        frames.withDeviceIdle(Duration.ofDays(1));
    }

    @Test
    void anIdleTimeTooLongForMicrosecondsMeansNever() {
        assertEquals(DeviceSettings.NEVER, PipelineConfig.defaults().withDeviceIdle(Duration.ofSeconds(Long.MAX_VALUE / 1000))
                .deviceSettings().idleUs());
    }
}
