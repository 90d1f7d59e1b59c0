package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.RawEvent;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming operator writes device state behind ({@link DeviceCache}): what it holds must reach every
 * checkpoint, so that a restore into either operator (the streaming one, or Flink's own as BATCH runs and
 * earlier versions use) continues exactly as an uninterrupted run; and it stays within its bounds.
 */
class DeviceCacheTest {
    private static final DeviceSettings SETTINGS = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, 3_600_000_000L);

    private static List<RawEvent> corpus() throws Exception {
        List<RawEvent> events = new ArrayList<>(HarnessEquivalencePropertyTest.corpus(31, 4, Duration.ofMinutes(3)));
        events.sort(Comparator.comparingLong(RawEvent::tsUs)); // interleaved devices, in time order
        return events;
    }

    private static List<String> run(List<RawEvent> events, String backend, String cache, int restoreEvery,
            String restoredCache) throws Exception {
        List<Episode> out = new ArrayList<>();
        RedTeamHarness h = new RedTeamHarness(SETTINGS, backend, cache);
        h.open();
        int n = 0;
        for (RawEvent e : events) {
            h.event(e);
            if (++n % 50 == 0) {
                h.processWatermark(Math.floorDiv(e.tsUs(), 1000L) - 11_000);
            }
            if (restoreEvery > 0 && n % restoreEvery == 0) {
                OperatorSubtaskState snapshot = h.snapshot(n, n);
                out.addAll(h.extractOutputValues());
                h.close();
                h = new RedTeamHarness(SETTINGS, backend, restoredCache);
                h.initializeState(snapshot);
                h.open();
            }
            assertTrue(h.function.pendingDevices() <= (cache.equals("tiny") ? 1 : DeviceTimelineFunction.CACHED_DEVICES));
        }
        h.processWatermark(Long.MAX_VALUE);
        out.addAll(h.extractOutputValues());
        h.close();
        return HarnessEquivalencePropertyTest.sorted(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aRestoreIntoEitherOperatorContinuesAsAnUninterruptedRun(String backend) throws Exception {
        List<RawEvent> events = corpus();
        int quarter = events.size() / 4; // three restores per run
        List<String> uncached = run(events, backend, "off", 0, null);
        assertTrue(uncached.size() >= 4, "episodes of four people");
        assertEquals(uncached, run(events, backend, "on", 0, null), "cached, uninterrupted");
        assertEquals(uncached, run(events, backend, "on", quarter, "on"), "cached, restored into the cached operator");
        assertEquals(uncached, run(events, backend, "on", quarter, "off"), "cached, restored into Flink's own");
        assertEquals(uncached, run(events, backend, "off", quarter, "on"), "Flink's own, restored into the cached one");
        assertEquals(uncached, run(events, backend, "tiny", quarter, "tiny"), "one device cached: written back all the time");
    }
}
