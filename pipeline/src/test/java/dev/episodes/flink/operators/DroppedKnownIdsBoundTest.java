package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.MouseEvent;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (stop 27, commit bfa6424): a known device's changed ids are no longer written back at the
 * per-device bound, "the known ids' budget bounds them". It bounds them only while they are known: when
 * another device pushes the known ids over the budget, {@code trimKnown} drops the least recently used
 * device and moves all of its unwritten ids to its pending ids ({@code p.ids}), which no longer count in
 * the budget. The per-device bound is checked only on that device's next {@code put}: a device that went
 * quiet keeps them until the checkpoint (a replay takes none). Device after device, the cache's pending
 * ids grow with the input: up to {@code capacity} times the budget, not {@code capacity x perDevice} plus
 * the budget as the class javadoc claims ("pending ids ... are each written back once they reach
 * perDevice, and the known ids are within their own budget"). Before bfa6424 a known device's unwritten
 * ids were written at {@code perDevice}, so a dropped one moved at most that many.
 */
class DroppedKnownIdsBoundTest {
    private static final DeviceSettings SETTINGS = new DeviceSettings(SessionRules.DEFAULT, 600_000_000L,
            DeviceSettings.NEVER);
    private static final int CAPACITY = 64;
    private static final int PER_DEVICE = 8;
    private static final long BUDGET = 100;

    /** Pending (not known) ids over every device the cache holds. */
    static long pendingIds(DeviceCache cache) throws Exception {
        Field devicesField = DeviceCache.class.getDeclaredField("devices");
        devicesField.setAccessible(true);
        long n = 0;
        for (Object p : ((Map<?, ?>) devicesField.get(cache)).values()) {
            Field ids = p.getClass().getDeclaredField("ids");
            ids.setAccessible(true);
            n += ((IdTimes) ids.get(p)).size();
        }
        return n;
    }

    private static List<String> run(String backend, String mode, long[] most) throws Exception {
        DeviceTimelineFunction f = CacheAttack.function(SETTINGS, false, 0L);
        RedTeamHarness h;
        if (mode.equals("off")) {
            h = new RedTeamHarness(f, backend, "off");
        } else {
            h = new RedTeamHarness(f.cacheSizes(CAPACITY, PER_DEVICE).knownIds(BUDGET), backend, "on");
        }
        h.open();
        DeviceCache cache = CacheAttack.cache(h);
        // 50 devices one after the other (each a new device, so all its ids known), 40 clicks each: 80 ids,
        // under the budget alone; the next device's push it over and it is dropped from the known ones.
        // No watermark, no checkpoint: a replay between two of them.
        for (int d = 0; d < 50; d++) {
            for (int i = 0; i < 40; i++) {
                long us = Events.us(d * 20_000L + i * 400L);
                String id = "d" + d + "c" + i;
                h.event(new MouseEvent(id + "/d", Events.USER, "dev-" + d, us, 1, MouseEvent.Action.DOWN, 5, 5,
                        MouseEvent.Button.LEFT, 0, 0));
                h.event(new MouseEvent(id + "/u", Events.USER, "dev-" + d, us + 80_000, 2, MouseEvent.Action.UP, 5,
                        5, MouseEvent.Button.LEFT, 0, 0));
                if (cache != null) {
                    most[0] = Math.max(most[0], pendingIds(cache));
                    assertTrue(cache.knownIds() + cache.knownDevices() <= BUDGET, "known " + cache.knownIds());
                }
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        List<Episode> out = new ArrayList<>(h.extractOutputValues());
        h.close();
        return HarnessEquivalencePropertyTest.sorted(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void idsOfDevicesDroppedFromTheKnownOnesStayWithinThePerDeviceBound(String backend) throws Exception {
        List<String> expected = run(backend, "off", new long[1]);
        long[] most = new long[1];
        assertEquals(expected, run(backend, "on", most), "the same episodes (this holds)");
        long bound = (long) CAPACITY * PER_DEVICE;
        assertTrue(most[0] <= bound, "pending ids over all devices reached " + most[0] + " with a per-device "
                + "bound of " + PER_DEVICE + ", " + CAPACITY + " devices and " + BUDGET + " known ids at most (bound "
                + bound + ")");
    }
}
