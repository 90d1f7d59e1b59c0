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
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cache keeps a device's waiting events over a checkpoint (what it just wrote, sorted): its next
 * release does not read them back from state. What state holds is unchanged, so any later checkpoint
 * restores as Flink's own operator's would, whatever was kept, dropped for the budget or bypassed.
 */
class WaitingKeptTest {
    private static final DeviceSettings SETTINGS = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L,
            20_000_000L);

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void waitingEventsAreReadFromStateOnceNotOncePerCheckpoint(String backend) throws Exception {
        RedTeamHarness h = new RedTeamHarness(SETTINGS, backend, "on");
        h.open();
        DeviceCache cache = KnownIdsTest.counted(h, DeviceTimelineFunction.CACHED_DEVICES,
                DeviceTimelineFunction.RESIDENT_IDS, DeviceTimelineFunction.KEPT_WAITING);
        int intervals = 0;
        for (int i = 0; i < 500; i++) { // a click every 400 ms, the watermark 2 s behind: 5 clicks wait
            h.click("c" + i, i * 400L);
            if (i % 5 == 4) {
                h.watermarkAt(i * 400L - 2_000);
            }
            if (i % 100 == 99) {
                h.snapshot(i, i);
                intervals++;
                assertEquals(1, cache.keptDevices(), "kept over the checkpoint");
            }
        }
        Map<String, Integer> c = new java.util.TreeMap<>(StateAccessCountTest.COUNTS);
        h.close();
        assertEquals(5, intervals);
        assertTrue(c.getOrDefault("waiting.read", 0) <= 1, "waiting events read from state: " + c);
        assertTrue(c.getOrDefault("waiting.write", 0) <= intervals, "written once per checkpoint: " + c);
    }

    private static List<String> run(List<RawEvent> events, String backend, String mode, long kept, int every)
            throws Exception {
        List<Episode> out = new ArrayList<>();
        RedTeamHarness h = harness(backend, mode, kept);
        h.open();
        int n = 0;
        int snapshots = 0;
        for (RawEvent e : events) {
            h.event(e);
            if (++n % 10 == 0) {
                h.processWatermark(Math.floorDiv(e.tsUs(), 1000L) - 3_000);
            }
            if (every > 0 && n % every == 0) {
                OperatorSubtaskState snapshot = h.snapshot(n, n); // the same instance goes on from here...
                if (++snapshots % 3 == 0) { // ...or, every third time, one restored from it
                    out.addAll(h.extractOutputValues());
                    h.close();
                    h = harness(backend, snapshots % 2 == 0 ? "off" : mode, kept);
                    h.initializeState(snapshot);
                    h.open();
                }
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        out.addAll(h.extractOutputValues());
        h.close();
        return HarnessEquivalencePropertyTest.sorted(out);
    }

    private static RedTeamHarness harness(String backend, String mode, long kept) throws Exception {
        RedTeamHarness h = CacheAttack.harness(SETTINGS, backend, mode, false, 0L);
        h.function.keptWaiting(kept);
        return h;
    }

    @ParameterizedTest(name = "{0}, cache {1}, {2} events kept at most")
    @CsvSource({"hashmap,on,131072", "hashmap,2x3,1", "rocksdb,on,131072", "rocksdb,3x4096,40"})
    void checkpointsTakenAfterKeptEventsRestoreAsFlinksOwn(String backend, String mode, long kept) throws Exception {
        List<RawEvent> events = CacheAttack.interleaved(67, 4, Duration.ofSeconds(90));
        List<String> expected = run(events, backend, "off", 0, 0);
        assertTrue(expected.size() >= 4, "episodes of four people");
        assertEquals(expected, run(events, backend, mode, kept, 97));
    }
}
