package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.RawEvent;
import dev.episodes.session.SessionRules;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Red team (write-behind cache): with frames on, a close also reads and writes the mask memory, which the
 * cache does not hold but writes directly while the steps and device value stay pending. Restored at odd
 * points into other operators, every episode (with its frame plan) must be Flink's own operator's.
 */
class FramesCacheRestoreTest {
    @ParameterizedTest(name = "{0}, idle {1} s, restore every {2}")
    @CsvSource({"hashmap,5,17", "rocksdb,20,53"}) // 2 of 4, for CI
    void withFramesOnRestoredAnywhereTheOutputIsFlinksOwn(String backend, String idle, int every) throws Exception {
        long idleUs = idle.equals("never") ? DeviceSettings.NEVER : Long.parseLong(idle) * 1_000_000L;
        DeviceSettings settings = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, idleUs);
        List<RawEvent> events = CacheAttack.interleaved(47, 4, Duration.ofSeconds(90));
        int[] lateOff = {0};
        List<String> expected = CacheRestoreAtAnyPointTest.run(events, settings, backend, new String[] {"off"}, 0,
                true, lateOff);
        assertTrue(expected.size() >= 4, "episodes: " + expected.size());
        assertTrue(expected.stream().anyMatch(s -> s.contains("frame")), "episodes carry frame plans");
        int[] late = {0};
        List<String> got = CacheRestoreAtAnyPointTest.run(events, settings, backend,
                new String[] {"1x1", "on", "off", "2x2"}, every, true, late);
        assertEquals(expected, got);
        assertEquals(lateOff[0], late[0], "late dead letters");
    }
}
