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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (write-behind cache): the bounds that are claimed and do hold. 5,000 devices (more than the
 * 4,096 the cache holds) interleaved with no checkpoint: never more than 4,096 pending, and the output is
 * Flink's own operator's. One device with an episode of 10,000 steps and thousands of ids, released as it
 * goes, no checkpoint: pending ids and steps stay under 4,096 each, and the episode is the same.
 */
class PendingDevicesBoundTest {
    private static final DeviceSettings SETTINGS = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L,
            DeviceSettings.NEVER);

    private static List<String> manyDevices(String backend, String mode) throws Exception {
        RedTeamHarness h = CacheAttack.harness(SETTINGS, backend, mode, false, 0L);
        h.open();
        for (int round = 0; round < 2; round++) {
            for (int d = 0; d < 5_000; d++) {
                long us = Events.us(round * 1_000 + d / 10);
                String id = "d" + d + "/" + round;
                h.event(new MouseEvent(id, Events.USER, "dev-" + d, us, 1, MouseEvent.Action.DOWN, 5, 5,
                        MouseEvent.Button.LEFT, 0, 0));
                h.event(new MouseEvent(id + "u", Events.USER, "dev-" + d, us + 80_000, 2, MouseEvent.Action.UP, 5,
                        5, MouseEvent.Button.LEFT, 0, 0));
                assertTrue(h.function.pendingDevices() <= DeviceTimelineFunction.CACHED_DEVICES,
                        "pending devices: " + h.function.pendingDevices());
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        List<Episode> out = new ArrayList<>(h.extractOutputValues());
        h.close();
        return HarnessEquivalencePropertyTest.sorted(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void moreDevicesThanTheCacheHoldsStayWithinItAndGiveFlinksOwnOutput(String backend) throws Exception {
        List<String> off = manyDevices(backend, "off");
        assertEquals(5_000, off.size(), "one episode per device");
        assertEquals(off, manyDevices(backend, "on"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aLongEpisodeKeepsPendingIdsAndStepsWithinTheBound(String backend) throws Exception {
        List<List<String>> outputs = new ArrayList<>();
        for (String mode : new String[] {"off", "on"}) {
            RedTeamHarness h = CacheAttack.harness(SETTINGS, backend, mode, false, 0L);
            h.open();
            DeviceCache cache = CacheAttack.cache(h);
            long most = 0;
            for (int i = 0; i < 10_000; i++) { // a click every 2 s: one episode of 10,000 clicks
                h.click("c" + i, i * 2_000L);
                if (i % 5 == 0) {
                    h.watermarkAt(i * 2_000L - 3_000);
                }
                if (cache != null) {
                    most = Math.max(most, CacheAttack.heldOnHeap(cache));
                }
            }
            h.processWatermark(Long.MAX_VALUE);
            outputs.add(HarnessEquivalencePropertyTest.sorted(h.extractOutputValues()));
            h.close();
            if (cache != null) {
                assertTrue(most <= 2L * DeviceTimelineFunction.PENDING_PER_DEVICE + 100, "held " + most);
            }
        }
        assertTrue(outputs.get(0).size() >= 1 && outputs.get(0).get(0).contains("CLICK"), "episodes of clicks");
        assertEquals(outputs.get(0).size(), outputs.get(1).size(), "episodes");
        assertTrue(outputs.get(0).equals(outputs.get(1)), "the same episodes, cached or not");
    }
}
