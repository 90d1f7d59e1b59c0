package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.episodes.device.DeviceState;
import dev.episodes.event.RawEvent;
import dev.episodes.masking.MaskPlanner;
import dev.episodes.reduction.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.api.Test;

/**
 * Red team (write-behind cache): an exception thrown mid-flush (a state write failing for one device, as a
 * RocksDB write or serializer error would). DeviceCache#flushAll says "the current key is put back"; and
 * what it did not write must still be there for a retry, what it wrote not be written twice.
 */
class FlushFailureTest {
    /** The operator's key, as KeyScope sees it. */
    static final class Keys implements KeyScope {
        Object key;

        @Override
        public Object currentKey() {
            return key;
        }

        @Override
        public void enter(Object k) {
            key = k;
        }
    }

    /** Map state per key on the heap; a write under {@code failFor} throws while {@code failing}. */
    static final class Ids implements MapState<Long, Long> {
        final Keys keys;
        final Map<Object, Map<Long, Long>> byKey = new HashMap<>();
        final List<Object> writes = new ArrayList<>();
        Object failFor;

        Ids(Keys keys) {
            this.keys = keys;
        }

        private Map<Long, Long> map() {
            return byKey.computeIfAbsent(keys.key, k -> new HashMap<>());
        }

        @Override public Long get(Long k) { return map().get(k); }
        @Override public void put(Long k, Long v) { putAll(Map.of(k, v)); }
        @Override public void putAll(Map<Long, Long> m) {
            if (keys.key.equals(failFor)) {
                throw new RuntimeException("disk full");
            }
            writes.add(keys.key);
            map().putAll(m);
        }
        @Override public void remove(Long k) { map().remove(k); }
        @Override public boolean contains(Long k) { return map().containsKey(k); }
        @Override public Iterable<Map.Entry<Long, Long>> entries() { return map().entrySet(); }
        @Override public Iterable<Long> keys() { return map().keySet(); }
        @Override public Iterable<Long> values() { return map().values(); }
        @Override public Iterator<Map.Entry<Long, Long>> iterator() { return map().entrySet().iterator(); }
        @Override public boolean isEmpty() { return map().isEmpty(); }
        @Override public void clear() { map().clear(); }
    }

    static final class NoList<T> implements ListState<T> {
        @Override public Iterable<T> get() { return List.of(); }
        @Override public void add(T v) { }
        @Override public void clear() { }
        @Override public void update(List<T> v) { }
        @Override public void addAll(List<T> v) { }
    }

    static final class NoValue<T> implements ValueState<T> {
        @Override public T value() { return null; }
        @Override public void update(T v) { }
        @Override public void clear() { }
    }

    @Test
    void aFailedFlushPutsTheKeyBackAndARetryWritesEachDeviceOnce() throws Exception {
        Keys keys = new Keys();
        Ids ids = new Ids(keys);
        KeyedDeviceStores stores = new KeyedDeviceStores(new NoList<RawEvent>(), ids, new NoList<Step>(),
                new NoValue<MaskPlanner>());
        DeviceCache cache = new DeviceCache(new NoValue<DeviceState>(), stores, keys, 16, 16);
        for (String k : new String[] {"a", "b", "c"}) {
            keys.enter(k);
            cache.put(k.hashCode(), 1L);
        }
        keys.enter("current");
        ids.failFor = "b";
        assertThrows(RuntimeException.class, cache::flushAll);
        Object after = keys.currentKey();
        ids.failFor = null;
        keys.enter("current");
        cache.flushAll();
        assertEquals(0, cache.pendingDevices());
        assertEquals(List.of("a", "b", "c"), ids.writes.stream().sorted().toList(), "each device written once");
        assertEquals("current", after, "the current key after a failed flush");
    }

    /** A write-back on eviction that fails: the evicted device's pending ids must not vanish. */
    @Test
    void aFailedEvictionLosesNothingPending() throws Exception {
        Keys keys = new Keys();
        Ids ids = new Ids(keys);
        KeyedDeviceStores stores = new KeyedDeviceStores(new NoList<RawEvent>(), ids, new NoList<Step>(),
                new NoValue<MaskPlanner>());
        DeviceCache cache = new DeviceCache(new NoValue<DeviceState>(), stores, keys, 1, 16);
        keys.enter("a");
        cache.put(7L, 1L);
        ids.failFor = "a";
        keys.enter("b");
        assertThrows(RuntimeException.class, () -> cache.put(8L, 2L)); // evicts a: its write fails
        ids.failFor = null;
        cache.flushAll();
        keys.enter("a");
        assertEquals(1L, stores.tsOf(7L), "a's id, pending when its write-back failed");
    }
}
