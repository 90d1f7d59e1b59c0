package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Red team (write-behind cache): right after every checkpoint, Flink state must be exactly what Flink's own
 * operator leaves, not only equivalent for the output: the same keys in each of the five states, the same
 * waiting events, remembered ids and open steps per key, and on the heap backend the same number of
 * entries. Both operators run in lockstep on the same input; each is snapshotted at the same points.
 */
class StateAfterCheckpointTest {
    /** What keyed state holds, key by key, for the list and map states (text), plus the keys of the others. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> contents(RedTeamHarness h) throws Exception {
        KeyedStateBackend<String> b = ((AbstractStreamOperator<Episode>) h.getOperator()).getKeyedStateBackend();
        Map<String, Object> out = new TreeMap<>(CacheAttack.keysByState(h));
        ListState<RawEvent> waiting = b.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ListStateDescriptor<>("waiting", PipelineTypes.RAW_EVENT));
        ListState<?> steps = b.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ListStateDescriptor<>("open-steps", PipelineTypes.STEP));
        MapState<Long, Long> ids = b.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>("seen-ids", Types.LONG, Types.LONG));
        Object was = b.getCurrentKey();
        for (String state : new String[] {"waiting", "open-steps", "seen-ids"}) {
            for (String key : ((Map<String, List<String>>) (Map<String, ?>) out).get(state)) {
                b.setCurrentKey(key);
                List<String> items = new ArrayList<>();
                switch (state) {
                    case "waiting" -> waiting.get().forEach(e -> items.add(e.toString()));
                    case "open-steps" -> steps.get().forEach(s -> items.add(s.toString()));
                    default -> ids.entries().forEach(e -> items.add(e.getKey() + "=" + e.getValue()));
                }
                if (!state.equals("open-steps")) {
                    items.sort(null); // waiting events and ids are in no particular order
                }
                out.put(state + "@" + key.replace('\u0000', '/'), items);
            }
        }
        if (was != null) {
            b.setCurrentKey((String) was);
        }
        if (b instanceof HeapKeyedStateBackend<?> heap) {
            out.put("#entries", heap.numKeyValueStateEntries());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, cache {1}, idle {2} s")
    @CsvSource({"hashmap,on,never", "rocksdb,1x1,20", "hashmap,2x3,5", "rocksdb,3x2,5"}) // 4 of 6, for CI
    void afterEveryCheckpointStateIsWhatFlinksOwnOperatorLeaves(String backend, String mode, String idle)
            throws Exception {
        long idleUs = idle.equals("never") ? DeviceSettings.NEVER : Long.parseLong(idle) * 1_000_000L;
        DeviceSettings settings = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, idleUs);
        List<RawEvent> events = CacheAttack.interleaved(43, 5, Duration.ofSeconds(90));
        RedTeamHarness off = CacheAttack.harness(settings, backend, "off", true, 0L);
        RedTeamHarness cached = CacheAttack.harness(settings, backend, mode, true, 0L);
        off.open();
        cached.open();
        int n = 0;
        for (RawEvent e : events) {
            n++;
            off.event(e);
            cached.event(e);
            if (n % 10 == 0) {
                off.processWatermark(Math.floorDiv(e.tsUs(), 1000L) - 2_000);
                cached.processWatermark(Math.floorDiv(e.tsUs(), 1000L) - 2_000);
            }
            if (n % 29 == 0) {
                off.snapshot(n, n);
                cached.snapshot(n, n);
                assertEquals(contents(off), contents(cached), "after checkpoint " + n);
                assertEquals(HarnessEquivalencePropertyTest.sorted(off.extractOutputValues()),
                        HarnessEquivalencePropertyTest.sorted(cached.extractOutputValues()), "output by " + n);
            }
        }
        off.processWatermark(Long.MAX_VALUE);
        cached.processWatermark(Long.MAX_VALUE);
        off.snapshot(n + 1, n + 1);
        cached.snapshot(n + 1, n + 1);
        assertEquals(contents(off), contents(cached), "after the last watermark");
        assertEquals(HarnessEquivalencePropertyTest.sorted(off.extractOutputValues()),
                HarnessEquivalencePropertyTest.sorted(cached.extractOutputValues()), "output");
        off.close();
        cached.close();
    }
}
