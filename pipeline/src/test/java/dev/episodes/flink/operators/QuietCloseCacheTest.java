package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.MouseEvent;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Red team (write-behind cache): quiet close (processing-time timers) with device state only in the cache,
 * snapshots taken while a quiet timer is pending, right after a quiet close (the closed device pending in
 * the cache) and after more devices than the cache holds. Same input, same processing times, same restore
 * points: the cached operator must give what Flink's own gives, restored into either.
 */
class QuietCloseCacheTest {
    private static final long QUIET_MS = 300_000;
    private static final long T0_MS = Events.T0_US / 1000;

    private record Out(List<String> episodes, int late, int timers) {}

    private static void click(RedTeamHarness h, String device, long ms) throws Exception {
        long us = Events.us(ms);
        String id = device + "/" + ms;
        h.event(new MouseEvent(id + "/d", Events.USER, device, us, 1, MouseEvent.Action.DOWN, 5, 5,
                MouseEvent.Button.LEFT, 0, 0));
        h.event(new MouseEvent(id + "/u", Events.USER, device, us + 80_000, 2, MouseEvent.Action.UP, 5, 5,
                MouseEvent.Button.LEFT, 0, 0));
    }

    private static Out run(String backend, String[] modes, Set<Integer> restoreAt, long idleUs) throws Exception {
        DeviceSettings settings = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, idleUs);
        List<Episode> out = new ArrayList<>();
        int late = 0;
        int m = 0;
        long now = 0;
        RedTeamHarness h = CacheAttack.harness(settings, backend, modes[m], false, QUIET_MS);
        h.setProcessingTime(now);
        h.open();
        int step = 0;
        for (int round = 0; round < 4; round++) {
            long base = round * 2_000_000L; // event time: rounds 2,000 s apart
            for (int d = 0; d < 5; d++) { // five devices, more than the small caches hold
                now += 1_000;
                h.setProcessingTime(now);
                click(h, "dev-" + d, base + d * 1_000);
                click(h, "dev-" + d, base + d * 1_000 + 1_500);
                if (restoreAt.contains(step++)) { // quiet timers pending, state only in the cache
                    OperatorSubtaskState s = h.snapshot(step, step);
                    out.addAll(h.extractOutputValues());
                    late += h.late();
                    h.close();
                    m = (m + 1) % modes.length;
                    h = CacheAttack.harness(settings, backend, modes[m], false, QUIET_MS);
                    h.setProcessingTime(now);
                    h.initializeState(s);
                    h.open();
                }
            }
            h.processWatermark(T0_MS + base / 1000 + 4_000 + 1_000 * round - 10_000);
            now += QUIET_MS;
            h.setProcessingTime(now); // first look: the watermark moved since the last one
            now += QUIET_MS + 1_000;
            h.setProcessingTime(now); // quiet: every device closes at its horizon
            if (restoreAt.contains(step++)) { // right after quiet closes: closed devices pending
                OperatorSubtaskState s = h.snapshot(step, step);
                out.addAll(h.extractOutputValues());
                late += h.late();
                h.close();
                m = (m + 1) % modes.length;
                h = CacheAttack.harness(settings, backend, modes[m], false, QUIET_MS);
                h.setProcessingTime(now);
                h.initializeState(s);
                h.open();
            }
            // an event within the gap the quiet close assumed: late for both
            h.event(new MouseEvent("inside-" + round, Events.USER, "dev-0", Events.us(base + 1_580 + 200_000), 9,
                    MouseEvent.Action.DOWN, 5, 5, MouseEvent.Button.LEFT, 0, 0));
        }
        int timers = h.numProcessingTimeTimers();
        h.processWatermark(Long.MAX_VALUE);
        out.addAll(h.extractOutputValues());
        late += h.late();
        h.close();
        return new Out(HarnessEquivalencePropertyTest.sorted(out), late, timers);
    }

    @ParameterizedTest(name = "{0}, idle {1} s")
    @CsvSource({"hashmap,3600", "rocksdb,3600", "hashmap,1000", "rocksdb,400"})
    void quietClosesWithTheCacheAreFlinksOwnAcrossRestores(String backend, long idleS) throws Exception {
        long idleUs = idleS * 1_000_000L; // 1000, 400: devices forgotten between rounds, and back
        Set<Integer> none = Set.of();
        Out straightOff = run(backend, new String[] {"off"}, none, idleUs);
        assertTrue(straightOff.episodes().size() >= 20, "quiet closes: " + straightOff.episodes().size());
        for (String mode : new String[] {"on", "1x1", "2x1"}) {
            assertEquals(straightOff, run(backend, new String[] {mode}, none, idleUs), "cache " + mode + ", uninterrupted");
        }
        Set<Integer> points = Set.of(2, 5, 8, 11, 13, 17, 20, 23);
        Out restoredOff = run(backend, new String[] {"off"}, points, idleUs);
        assertEquals(restoredOff, run(backend, new String[] {"1x1", "off", "on", "2x1"}, points, idleUs),
                "restored into each operator at the same points");
        assertEquals(restoredOff, run(backend, new String[] {"on"}, points, idleUs), "restored, cache on");
    }
}
