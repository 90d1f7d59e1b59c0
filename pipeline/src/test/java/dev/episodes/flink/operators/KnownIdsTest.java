package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.device.DeviceState;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.masking.MaskPlanner;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cache keeps every dedup id of a device it knows all of (a new device, or one it swept) across
 * checkpoints: such a device's lookups and sweeps touch no state, what reaches state is still exactly what
 * Flink's own operator writes (ids at the flush, forgotten ones deleted), and a restore, which knows none,
 * asks state until its first sweep. Counted over wrappers of the operator's own states, as in
 * {@link StateAccessCountTest}.
 */
class KnownIdsTest {
    private static final long RETENTION_US = 10_000_000L;
    private static final DeviceSettings SETTINGS = new DeviceSettings(SessionRules.DEFAULT, RETENTION_US,
            DeviceSettings.NEVER);

    private static Object field(Object o, Class<?> c, String name) throws Exception {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    /** The harness's cache rebuilt over counting wrappers (counts in {@link StateAccessCountTest#COUNTS}). */
    @SuppressWarnings("unchecked")
    static DeviceCache counted(RedTeamHarness h, int devices, long knownIds) throws Exception {
        DeviceTimelineFunction f = h.function;
        KeyedDeviceStores real = (KeyedDeviceStores) field(f, DeviceTimelineFunction.class, "stores");
        KeyedDeviceStores counted = new KeyedDeviceStores(
                new StateAccessCountTest.Lst<>("waiting",
                        (ListState<RawEvent>) field(real, KeyedDeviceStores.class, "waiting")),
                new StateAccessCountTest.Ids((MapState<Long, Long>) field(real, KeyedDeviceStores.class, "ids")),
                new StateAccessCountTest.Lst<>("open-steps",
                        (ListState<Step>) field(real, KeyedDeviceStores.class, "steps")),
                new StateAccessCountTest.Value<>("masks",
                        (ValueState<MaskPlanner>) field(real, KeyedDeviceStores.class, "masks")));
        StateAccessCountTest.Value<DeviceState> device = new StateAccessCountTest.Value<>("device",
                (ValueState<DeviceState>) field(f, DeviceTimelineFunction.class, "state"));
        DeviceCache cache = new DeviceCache(device, counted, (KeyScope) h.getOperator(), devices,
                DeviceTimelineFunction.PENDING_PER_DEVICE, knownIds);
        Field c = DeviceTimelineFunction.class.getDeclaredField("cache");
        c.setAccessible(true);
        c.set(f, cache);
        // Devices served past the cache use these directly: count them too.
        Field s = DeviceTimelineFunction.class.getDeclaredField("stores");
        s.setAccessible(true);
        s.set(f, counted);
        Field v = DeviceTimelineFunction.class.getDeclaredField("state");
        v.setAccessible(true);
        v.set(f, device);
        StateAccessCountTest.COUNTS.clear();
        return cache;
    }

    private static Map<String, Integer> counts() {
        return new TreeMap<>(StateAccessCountTest.COUNTS);
    }

    /** Ids in Flink state for the harness's one device (after a flush). */
    private static int idsInState(RedTeamHarness h) throws Exception {
        KeyedDeviceStores stores = (KeyedDeviceStores) field(h.function, DeviceTimelineFunction.class, "stores");
        ((KeyScope) h.getOperator()).enter(Events.USER + '\u0000' + Events.DEVICE);
        return stores.count(ts -> true);
    }

    /** Clicks {@code from} until {@code to} every 400 ms, a watermark every 5 clicks, a snapshot every 100. */
    private static void clicks(RedTeamHarness h, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            h.click("c" + i, i * 400L);
            if (i % 5 == 4) {
                h.watermarkAt(i * 400L - 2_000);
            }
            if (i % 100 == 99) {
                h.snapshot(i, i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aNewDeviceLooksUpNoIdInStateAndSweepsWithoutAScan(String backend) throws Exception {
        RedTeamHarness h = new RedTeamHarness(SETTINGS, backend, "on");
        h.open();
        counted(h, DeviceTimelineFunction.CACHED_DEVICES, DeviceTimelineFunction.RESIDENT_IDS);
        clicks(h, 0, 500); // 200 s: 40 sweeps of a 10 s retention, 5 checkpoints
        Map<String, Integer> c = counts();
        h.snapshot(500, 500);
        int left = idsInState(h);
        h.close();
        assertAll(c.toString(),
                () -> assertEquals(0, c.getOrDefault("seen-ids.lookup", 0), "lookups in state"),
                () -> assertEquals(0, c.getOrDefault("seen-ids.scan", 0), "scans of state"),
                () -> assertTrue(c.getOrDefault("seen-ids.write", 0) <= 6, "one write per checkpoint"),
                // 1,000 ids were written; a sweep without a scan deleted the forgotten ones from state too
                () -> assertTrue(left > 0 && left <= 150, "ids left in state: " + left));
    }

    /**
     * A replay takes no checkpoint: a known device's ids are added and forgotten here, and reach Flink state
     * neither to be written nor to be deleted, while the episodes are those of Flink's own operator (while a
     * device's unwritten ids stay below the bound at which they are written back).
     */
    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void idsAddedAndForgottenBetweenTwoCheckpointsNeverReachState(String backend) throws Exception {
        RedTeamHarness off = new RedTeamHarness(SETTINGS, backend, "off");
        off.open();
        longRun(off);
        off.processWatermark(Long.MAX_VALUE);
        List<String> expected = HarnessEquivalencePropertyTest.sorted(off.extractOutputValues());
        off.close();

        RedTeamHarness h = new RedTeamHarness(SETTINGS, backend, "on");
        h.open();
        counted(h, DeviceTimelineFunction.CACHED_DEVICES, DeviceTimelineFunction.RESIDENT_IDS);
        longRun(h); // 200 s, 1,000 ids: 40 sweeps of a 10 s retention, no checkpoint
        Map<String, Integer> c = counts();
        h.processWatermark(Long.MAX_VALUE);
        List<String> got = HarnessEquivalencePropertyTest.sorted(h.extractOutputValues());
        h.close();
        assertEquals(expected, got);
        assertAll(c.toString(),
                () -> assertEquals(0, c.getOrDefault("seen-ids.write", 0), "writes of ids"),
                () -> assertEquals(0, c.getOrDefault("seen-ids.delete", 0), "deletes of ids"),
                () -> assertEquals(0, c.getOrDefault("seen-ids.lookup", 0), "lookups in state"));
    }

    /** As {@link #clicks}, without snapshots. */
    private static void longRun(RedTeamHarness h) throws Exception {
        for (int i = 0; i < 500; i++) {
            h.click("c" + i, i * 400L);
            if (i % 5 == 4) {
                h.watermarkAt(i * 400L - 2_000);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aRestoredDeviceScansOnceThenKnowsItsIdsAndContinuesAsFlinksOwn(String backend) throws Exception {
        RedTeamHarness off = new RedTeamHarness(SETTINGS, backend, "off");
        off.open();
        clicks(off, 0, 500);
        off.processWatermark(Long.MAX_VALUE);
        List<String> expected = HarnessEquivalencePropertyTest.sorted(off.extractOutputValues());
        off.close();

        RedTeamHarness h = new RedTeamHarness(SETTINGS, backend, "on");
        h.open();
        clicks(h, 0, 250);
        OperatorSubtaskState snapshot = h.snapshot(250, 250);
        List<Episode> out = new ArrayList<>(h.extractOutputValues());
        h.close();
        h = new RedTeamHarness(SETTINGS, backend, "on");
        h.initializeState(snapshot);
        h.open();
        DeviceCache cache = counted(h, DeviceTimelineFunction.CACHED_DEVICES, DeviceTimelineFunction.RESIDENT_IDS);
        clicks(h, 250, 500);
        Map<String, Integer> c = counts();
        assertEquals(1, cache.knownDevices(), "known after its first sweep");
        h.processWatermark(Long.MAX_VALUE);
        out.addAll(h.extractOutputValues());
        h.close();
        assertEquals(expected, HarnessEquivalencePropertyTest.sorted(out));
        assertEquals(1, c.getOrDefault("seen-ids.scan", 0), "one scan, at the first sweep: " + c);
        // Until then (half a retention: about 13 clicks and their releases), lookups; after it none.
        assertTrue(c.getOrDefault("seen-ids.lookup", 0) <= 60, "lookups in state: " + c);
    }

    /**
     * Ids released, so known to the cache and pending, when a checkpoint is taken: the flush writes them, and
     * a repeat after a restore into either operator is a duplicate (without them in state it would be late,
     * its time long released). The same repeat before the checkpoint, from the known ids, too.
     */
    @ParameterizedTest(name = "{0}, restored into {1}")
    @CsvSource({"hashmap,on", "hashmap,off", "rocksdb,on", "rocksdb,off"})
    void aRepeatOfAnIdKnownOnlyToTheCacheAtACheckpointIsADuplicateAfterTheRestore(String backend, String into)
            throws Exception {
        List<String> expected = null;
        for (boolean repeat : new boolean[] {false, true}) {
            RedTeamHarness h = new RedTeamHarness(SETTINGS, backend, "on");
            h.open();
            for (int i = 0; i < 10; i++) {
                h.click("c" + i, i * 400L);
            }
            h.watermarkAt(5_000); // all released: their ids pending in the cache, and known
            if (repeat) {
                h.event(RedTeamHarness.press("c3/d", 3 * 400L));
            }
            assertEquals(1, CacheAttack.cache(h).knownDevices());
            OperatorSubtaskState snapshot = h.snapshot(1, 1);
            List<Episode> out = new ArrayList<>(h.extractOutputValues());
            h.close();
            h = CacheAttack.harness(SETTINGS, backend, into, false, 0L);
            h.initializeState(snapshot);
            h.open();
            if (repeat) {
                h.event(RedTeamHarness.press("c3/d", 3 * 400L));
                h.event(RedTeamHarness.release("c7/u", 7 * 400L));
            }
            h.click("c10", 20_000L); // after the watermark
            h.processWatermark(Long.MAX_VALUE);
            out.addAll(h.extractOutputValues());
            assertEquals(0, h.late(), "repeats are duplicates, not late");
            h.close();
            List<String> got = HarnessEquivalencePropertyTest.sorted(out);
            if (expected == null) {
                expected = got;
            } else {
                assertEquals(expected, got, "the repeats changed nothing");
            }
        }
    }

    /** A click of device {@code d} at {@code ms}. */
    private static void click(RedTeamHarness h, int d, String id, long ms) throws Exception {
        long us = Events.us(ms);
        h.event(new MouseEvent(id + "/d", Events.USER, "dev-" + d, us, 1, MouseEvent.Action.DOWN, 5, 5,
                MouseEvent.Button.LEFT, 0, 0));
        h.event(new MouseEvent(id + "/u", Events.USER, "dev-" + d, us + 80_000, 2, MouseEvent.Action.UP, 5, 5,
                MouseEvent.Button.LEFT, 0, 0));
    }

    private static List<String> roundRobin(String backend, String mode, int devices, int capacity, long knownIds,
            Map<String, Integer> accesses) throws Exception {
        RedTeamHarness h = CacheAttack.harness(SETTINGS, backend, mode, false, 0L);
        h.open();
        DeviceCache cache = mode.equals("off") ? null : counted(h, capacity, knownIds);
        List<Episode> out = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            click(h, i % devices, "c" + i, i * 300L);
            if (i % 15 == 14) {
                h.watermarkAt(i * 300L - 2_000);
            }
            if (cache != null) {
                assertTrue(cache.pendingDevices() <= capacity, "devices cached " + cache.pendingDevices());
                assertTrue(cache.knownIds() + cache.knownDevices() <= knownIds, "ids known " + cache.knownIds());
            }
            if (i % 200 == 199) {
                OperatorSubtaskState snapshot = h.snapshot(i, i);
                out.addAll(h.extractOutputValues());
                h.close();
                h = CacheAttack.harness(SETTINGS, backend, mode, false, 0L);
                h.initializeState(snapshot);
                h.open();
                cache = mode.equals("off") ? null : counted(h, capacity, knownIds);
            }
            accesses.putAll(counts());
        }
        h.processWatermark(Long.MAX_VALUE);
        out.addAll(h.extractOutputValues());
        h.close();
        return HarnessEquivalencePropertyTest.sorted(out);
    }

    /**
     * Three devices taking turns, room for two: the two taken first stay cached until the checkpoint and the
     * third goes to state, instead of each event writing back the least recently used device and reading
     * its own (which costs more than no cache). The episodes are Flink's own either way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void devicesBeyondTheCapacityGoToStateAndGiveTheSameEpisodes(String backend) throws Exception {
        List<String> expected = roundRobin(backend, "off", 3, 0, 0, new TreeMap<>());
        assertEquals(3, expected.size(), "an episode per device");
        Map<String, Integer> c = new TreeMap<>();
        assertEquals(expected, roundRobin(backend, "on", 3, 2, DeviceTimelineFunction.RESIDENT_IDS, c));
        // The last interval's 200 clicks: 400 events, a third of them of the device past the capacity.
        int writes = c.getOrDefault("device.write", 0);
        assertTrue(writes <= 400 / 3 + 20 + 20, "device writes in an interval: " + c);
    }

    @ParameterizedTest(name = "{0}, {1} ids known at most")
    @CsvSource({"hashmap,0", "hashmap,40", "rocksdb,1", "rocksdb,90"})
    void aSmallBudgetOfKnownIdsChangesNoEpisode(String backend, long knownIds) throws Exception {
        List<String> expected = roundRobin(backend, "off", 5, 0, 0, new TreeMap<>());
        assertEquals(expected, roundRobin(backend, "on", 5, 4, knownIds, new TreeMap<>()));
    }
}
