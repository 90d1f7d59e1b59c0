package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.device.DeviceState;
import dev.episodes.event.RawEvent;
import dev.episodes.masking.MaskPlanner;
import dev.episodes.reduction.Step;
import dev.episodes.session.SessionRules;
import java.lang.reflect.Field;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (write-behind cache): docs/state.md says "a device costs one read and one write of each state
 * per checkpoint interval, not per event; per event what is left is one seen-ids lookup for an id the
 * cache does not hold". The cache is rebuilt over counting wrappers of the operator's own Flink states;
 * one device, 1,000 events in 5 checkpoint intervals, watermarks every 10 events.
 */
class StateAccessCountTest {
    static final Map<String, Integer> COUNTS = new TreeMap<>();

    /** The largest number of ids written at once ({@code seen-ids.batch}). */
    static void batch(int ids) {
        COUNTS.merge("seen-ids.batch", ids, Math::max);
    }

    static void count(String what) {
        COUNTS.merge(what, 1, Integer::sum);
    }

    record Value<T>(String name, ValueState<T> s) implements ValueState<T> {
        @Override public T value() throws java.io.IOException { count(name + ".read"); return s.value(); }
        @Override public void update(T v) throws java.io.IOException { count(name + ".write"); s.update(v); }
        @Override public void clear() { s.clear(); }
    }

    record Lst<T>(String name, ListState<T> s) implements ListState<T> {
        @Override public Iterable<T> get() throws Exception { count(name + ".read"); return s.get(); }
        @Override public void add(T v) throws Exception { count(name + ".write"); s.add(v); }
        @Override public void clear() { s.clear(); }
        @Override public void update(List<T> v) throws Exception { count(name + ".write"); s.update(v); }
        @Override public void addAll(List<T> v) throws Exception { count(name + ".write"); s.addAll(v); }
    }

    record Ids(MapState<Long, Long> s) implements MapState<Long, Long> {
        @Override public Long get(Long k) throws Exception { count("seen-ids.lookup"); return s.get(k); }
        @Override public void put(Long k, Long v) throws Exception { count("seen-ids.write"); batch(1); s.put(k, v); }
        @Override public void putAll(Map<Long, Long> m) throws Exception { count("seen-ids.write"); batch(m.size()); s.putAll(m); }
        @Override public void remove(Long k) throws Exception { count("seen-ids.delete"); s.remove(k); }
        @Override public boolean contains(Long k) throws Exception { return s.contains(k); }
        @Override public Iterable<Map.Entry<Long, Long>> entries() throws Exception { return s.entries(); }
        @Override public Iterable<Long> keys() throws Exception { return s.keys(); }
        @Override public Iterable<Long> values() throws Exception { return s.values(); }
        @Override public Iterator<Map.Entry<Long, Long>> iterator() throws Exception { count("seen-ids.scan"); return s.iterator(); }
        @Override public boolean isEmpty() throws Exception { return s.isEmpty(); }
        @Override public void clear() { s.clear(); }
    }

    private static Object field(Object o, Class<?> c, String name) throws Exception {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"rocksdb", "hashmap"})
    void aDeviceCostsOneReadAndWriteOfEachStatePerIntervalAndOneLookupPerEvent(String backend) throws Exception {
        RedTeamHarness h = CacheAttack.harness(new DeviceSettings(SessionRules.DEFAULT, 600_000_000L,
                DeviceSettings.NEVER), backend, "on", false, 0L);
        h.open();
        DeviceTimelineFunction f = h.function;
        KeyedDeviceStores real = (KeyedDeviceStores) field(f, DeviceTimelineFunction.class, "stores");
        KeyedDeviceStores counted = new KeyedDeviceStores(
                new Lst<>("waiting", (ListState<RawEvent>) field(real, KeyedDeviceStores.class, "waiting")),
                new Ids((MapState<Long, Long>) field(real, KeyedDeviceStores.class, "ids")),
                new Lst<>("open-steps", (ListState<Step>) field(real, KeyedDeviceStores.class, "steps")),
                new Value<>("masks", (ValueState<MaskPlanner>) field(real, KeyedDeviceStores.class, "masks")));
        Field cache = DeviceTimelineFunction.class.getDeclaredField("cache");
        cache.setAccessible(true);
        cache.set(f, new DeviceCache(new Value<>("device",
                (ValueState<DeviceState>) field(f, DeviceTimelineFunction.class, "state")), counted,
                (KeyScope) h.getOperator(), DeviceTimelineFunction.CACHED_DEVICES,
                DeviceTimelineFunction.PENDING_PER_DEVICE));
        COUNTS.clear();
        int events = 0;
        int intervals = 0;
        for (int i = 0; i < 500; i++) { // a click every 400 ms: one episode, 1,000 events
            h.click("c" + i, i * 400L);
            events += 2;
            if (i % 5 == 4) {
                h.watermarkAt(i * 400L - 2_000);
            }
            if (i % 100 == 99) {
                h.snapshot(i, i);
                intervals++;
            }
        }
        Map<String, Integer> c = new TreeMap<>(COUNTS);
        h.close();
        int n = intervals;
        int perEvent = events;
        String all = c.toString();
        assertAll(
                () -> assertTrue(c.getOrDefault("device.read", 0) <= n, "device reads " + all),
                () -> assertTrue(c.getOrDefault("device.write", 0) <= n, "device writes " + all),
                () -> assertTrue(c.getOrDefault("waiting.read", 0) <= n, "waiting reads " + all),
                () -> assertTrue(c.getOrDefault("waiting.write", 0) <= n, "waiting writes " + all),
                () -> assertTrue(c.getOrDefault("open-steps.write", 0) <= n, "step writes " + all),
                () -> assertTrue(c.getOrDefault("seen-ids.write", 0) <= n, "id writes " + all),
                () -> assertTrue(c.getOrDefault("seen-ids.lookup", 0) <= perEvent, "id lookups " + all));
        System.out.println("state accesses, " + backend + ", " + events + " events, " + n + " intervals: " + all);
    }
}
