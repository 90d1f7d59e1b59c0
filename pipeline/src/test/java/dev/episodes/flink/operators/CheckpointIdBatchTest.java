package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.device.DeviceState;
import dev.episodes.event.RawEvent;
import dev.episodes.masking.MaskPlanner;
import dev.episodes.reduction.Step;
import dev.episodes.session.SessionRules;
import java.lang.reflect.Field;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (stop 27, commit bfa6424): with a known device's changed ids no longer written at the
 * per-device bound, all of them reach Flink state in one {@code putAll} of a boxed map in the checkpoint's
 * synchronous part: up to the known ids' budget ({@link DeviceTimelineFunction#RESIDENT_IDS}, about a
 * million) of one device, where before a batch held at most {@code perDevice} (4,096). One busy device,
 * 12,000 ids within its retention between two checkpoints, the default sizes: the largest batch of ids
 * written. Fails with one batch of 12,000 at the snapshot; before bfa6424 batches stayed within 4,096.
 * A cost (heap and the synchronous pause of a checkpoint), not a wrong result: the ids in state are the same.
 */
class CheckpointIdBatchTest {
    static int largest;

    record Ids(MapState<Long, Long> s) implements MapState<Long, Long> {
        @Override public Long get(Long k) throws Exception { return s.get(k); }
        @Override public void put(Long k, Long v) throws Exception { largest = Math.max(largest, 1); s.put(k, v); }
        @Override public void putAll(Map<Long, Long> m) throws Exception { largest = Math.max(largest, m.size()); s.putAll(m); }
        @Override public void remove(Long k) throws Exception { s.remove(k); }
        @Override public boolean contains(Long k) throws Exception { return s.contains(k); }
        @Override public Iterable<Map.Entry<Long, Long>> entries() throws Exception { return s.entries(); }
        @Override public Iterable<Long> keys() throws Exception { return s.keys(); }
        @Override public Iterable<Long> values() throws Exception { return s.values(); }
        @Override public java.util.Iterator<Map.Entry<Long, Long>> iterator() throws Exception { return s.iterator(); }
        @Override public boolean isEmpty() throws Exception { return s.isEmpty(); }
        @Override public void clear() { s.clear(); }
    }

    private static Object field(Object o, Class<?> c, String name) throws Exception {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    private static void set(Object o, String name, Object v) throws Exception {
        Field f = DeviceTimelineFunction.class.getDeclaredField(name);
        f.setAccessible(true);
        f.set(o, v);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void idsReachStateInBatchesOfAtMostThePerDeviceBound(String backend) throws Exception {
        RedTeamHarness h = CacheAttack.harness(new DeviceSettings(SessionRules.DEFAULT, 600_000_000L,
                DeviceSettings.NEVER), backend, "on", false, 0L);
        h.open();
        DeviceTimelineFunction f = h.function;
        KeyedDeviceStores real = (KeyedDeviceStores) field(f, DeviceTimelineFunction.class, "stores");
        KeyedDeviceStores wrapped = new KeyedDeviceStores(
                (ListState<RawEvent>) field(real, KeyedDeviceStores.class, "waiting"),
                new Ids((MapState<Long, Long>) field(real, KeyedDeviceStores.class, "ids")),
                (ListState<Step>) field(real, KeyedDeviceStores.class, "steps"),
                (ValueState<MaskPlanner>) field(real, KeyedDeviceStores.class, "masks"));
        ValueState<DeviceState> device = (ValueState<DeviceState>) field(f, DeviceTimelineFunction.class, "state");
        set(f, "cache", new DeviceCache(device, wrapped, (KeyScope) h.getOperator(),
                DeviceTimelineFunction.CACHED_DEVICES, DeviceTimelineFunction.PENDING_PER_DEVICE,
                DeviceTimelineFunction.RESIDENT_IDS));
        set(f, "stores", wrapped);
        largest = 0;
        for (int i = 0; i < 6_000; i++) { // a click every 20 ms: 12,000 ids in 120 s, within the retention
            h.click("c" + i, i * 20L);
            if (i % 10 == 9) {
                h.watermarkAt(i * 20L - 1_000);
            }
        }
        assertEquals(1, CacheAttack.cache(h).knownDevices(), "the device's ids are known");
        int before = largest;
        h.snapshot(1, 1);
        int atSnapshot = largest;
        h.close();
        assertTrue(atSnapshot <= DeviceTimelineFunction.PENDING_PER_DEVICE, "largest batch of ids written: "
                + atSnapshot + " (before the snapshot " + before + "), per-device bound "
                + DeviceTimelineFunction.PENDING_PER_DEVICE);
    }
}
