package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.RawEvent;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Red team (write-behind cache): more devices than the cache holds, interleaved, with snapshots at odd
 * points (between an event and the watermark that fires its timer, right after evictions, after a device
 * was forgotten and came back within one interval), each restored into another operator: on, off, or
 * caches of one or two devices. Output and lateness must be those of Flink's own operator run straight.
 */
class CacheRestoreAtAnyPointTest {
    static List<String> run(List<RawEvent> events, DeviceSettings settings, String backend, String[] modes,
            int restoreEvery, boolean frames, int[] late) throws Exception {
        List<Episode> out = new ArrayList<>();
        int m = 0;
        RedTeamHarness h = CacheAttack.harness(settings, backend, modes[m], frames, 0L);
        h.open();
        int n = 0;
        for (RawEvent e : events) {
            h.event(e);
            n++;
            if (n % 10 == 0) {
                h.processWatermark(Math.floorDiv(e.tsUs(), 1000L) - 2_000);
            }
            assertTrue(h.function.pendingDevices() <= CacheAttack.capacity(modes[m]),
                    "pending devices " + h.function.pendingDevices() + " within " + modes[m]);
            if (restoreEvery > 0 && n % restoreEvery == 0) {
                OperatorSubtaskState snapshot = h.snapshot(n, n);
                out.addAll(h.extractOutputValues());
                late[0] += h.late();
                h.close();
                m = (m + 1) % modes.length;
                h = CacheAttack.harness(settings, backend, modes[m], frames, 0L);
                h.initializeState(snapshot);
                h.open();
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        out.addAll(h.extractOutputValues());
        late[0] += h.late();
        h.close();
        return HarnessEquivalencePropertyTest.sorted(out);
    }

    @ParameterizedTest(name = "{0}, idle {1} s, restore every {2}")
    // Sized for CI: each restore on RocksDB opens a new instance (the red team's run had 6 cases, 25 - 80 s).
    @CsvSource({"hashmap,5,13", "rocksdb,20,71", "rocksdb,5,97"})
    void restoredAnywhereIntoAnyOperatorTheOutputIsFlinksOwn(String backend, String idle, int every) throws Exception {
        long idleUs = idle.equals("never") ? DeviceSettings.NEVER : Long.parseLong(idle) * 1_000_000L;
        DeviceSettings settings = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, idleUs);
        List<RawEvent> events = CacheAttack.interleaved(41, 6, Duration.ofSeconds(90));
        int[] lateOff = {0};
        List<String> expected = run(events, settings, backend, new String[] {"off"}, 0, false, lateOff);
        assertTrue(expected.size() >= 6, "episodes of six people: " + expected.size());
        int[] late = {0};
        List<String> got = run(events, settings, backend, new String[] {"2x2", "off", "1x1", "on", "3x1"}, every,
                false, late);
        assertEquals(expected.size(), got.size(), "episodes");
        assertEquals(expected, got);
        assertEquals(lateOff[0], late[0], "late dead letters");
    }
}
