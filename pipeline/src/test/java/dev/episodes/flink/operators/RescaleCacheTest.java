package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Red team (write-behind cache): rescaled restores, key groups moving between subtasks (1 -> 3 -> 2, max
 * parallelism 128), snapshots taken mid-stream with devices pending in the cache, evicting caches on some
 * subtasks and Flink's own operator on others. The union of the output must be that of Flink's own
 * operator run straight at parallelism 1.
 */
class RescaleCacheTest {
    private static final int MAX = 128;

    static final class Harness extends KeyedBroadcastOperatorTestHarness<String, RawEvent, RawEvent, Episode> {
        Harness(DeviceSettings settings, String backend, String mode, int parallelism, int subtask) throws Exception {
            super(operator(settings, mode), DeviceTimelineFunction::keyOf, Types.STRING, MAX, parallelism, subtask);
            setStateBackend(RedTeamHarness.backend(backend));
            setup(PipelineTypes.EPISODE.createSerializer(new SerializerConfigImpl()));
        }

        private static CoBroadcastWithKeyedOperator<String, RawEvent, RawEvent, Episode> operator(DeviceSettings s,
                String mode) {
            DeviceTimelineFunction f = CacheAttack.function(s, false, 0L);
            if (mode.equals("off")) {
                return new CoBroadcastWithKeyedOperator<>(f, List.of(DeviceTimelineFunction.CONSENT));
            }
            if (mode.contains("x")) {
                f.cacheSizes(Integer.parseInt(mode.split("x")[0]), Integer.parseInt(mode.split("x")[1]));
            }
            return new DeviceTimelineOperator(f);
        }

        @Override
        public void processWatermark(long ms) throws Exception {
            super.processBroadcastWatermark(ms);
            super.processWatermark(ms);
        }
    }

    private static List<Harness> open(DeviceSettings s, String backend, String[] modes, int parallelism,
            OperatorSubtaskState from, int fromParallelism) throws Exception {
        List<Harness> hs = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            Harness h = new Harness(s, backend, modes[i % modes.length], parallelism, i);
            if (from != null) {
                h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(from, MAX,
                        fromParallelism, parallelism, i));
            }
            h.open();
            hs.add(h);
        }
        return hs;
    }

    private static void feed(List<Harness> hs, List<RawEvent> events) throws Exception {
        int n = 0;
        for (RawEvent e : events) {
            int i = KeyGroupRangeAssignment.assignKeyToParallelOperator(DeviceTimelineFunction.keyOf(e), MAX, hs.size());
            hs.get(i).processElement(e, Math.floorDiv(e.tsUs(), 1000L));
            if (++n % 10 == 0) {
                for (Harness h : hs) {
                    h.processWatermark(Math.floorDiv(e.tsUs(), 1000L) - 2_000);
                }
            }
        }
    }

    private static OperatorSubtaskState snapshotAll(List<Harness> hs, List<Episode> out, long id) throws Exception {
        List<OperatorSubtaskState> states = new ArrayList<>();
        for (Harness h : hs) {
            states.add(h.snapshot(id, id));
            out.addAll(h.extractOutputValues());
            h.close();
        }
        return AbstractStreamOperatorTestHarness.repackageState(states.toArray(new OperatorSubtaskState[0]));
    }

    @ParameterizedTest(name = "{0}, idle {1} s, caches {2}")
    @CsvSource({"hashmap,never,on", "rocksdb,never,on", "hashmap,20,1x1", "rocksdb,20,2x1", "hashmap,5,1x2"})
    void rescaledRestoresGiveFlinksOwnOutput(String backend, String idle, String mode) throws Exception {
        long idleUs = idle.equals("never") ? DeviceSettings.NEVER : Long.parseLong(idle) * 1_000_000L;
        DeviceSettings s = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, idleUs);
        List<RawEvent> events = CacheAttack.interleaved(53, 8, Duration.ofSeconds(60));
        int third = events.size() / 3;

        List<Episode> expected = new ArrayList<>();
        List<Harness> straight = open(s, backend, new String[] {"off"}, 1, null, 1);
        feed(straight, events);
        straight.get(0).processWatermark(Long.MAX_VALUE);
        snapshotAll(straight, expected, 1);

        List<Episode> got = new ArrayList<>();
        List<Harness> one = open(s, backend, new String[] {mode}, 1, null, 1);
        feed(one, events.subList(0, third));
        OperatorSubtaskState a = snapshotAll(one, got, 1);
        List<Harness> three = open(s, backend, new String[] {mode, "off", mode}, 3, a, 1);
        feed(three, events.subList(third, 2 * third));
        OperatorSubtaskState b = snapshotAll(three, got, 2);
        List<Harness> two = open(s, backend, new String[] {"off", mode}, 2, b, 3);
        feed(two, events.subList(2 * third, events.size()));
        for (Harness h : two) {
            h.processWatermark(Long.MAX_VALUE);
        }
        snapshotAll(two, got, 3);
        assertTrue(expected.size() >= 8, "episodes: " + expected.size());
        assertEquals(HarnessEquivalencePropertyTest.sorted(expected), HarnessEquivalencePropertyTest.sorted(got));
    }
}
