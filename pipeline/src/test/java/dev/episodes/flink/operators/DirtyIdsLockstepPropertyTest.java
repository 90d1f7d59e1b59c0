package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.RawEvent;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Red team (dirty flags of the known ids, commit 4cb3940): the cached operator and Flink's own ("off") run in
 * lockstep on the same arrivals (re-deliveries, some of them long after the retention, i.e. after their id
 * was swept), with random checkpoints, each followed half of the time by a restore into a fresh operator with
 * new random sizes (devices, pending per device, and a known-ids budget from 0 to a few dozen, so that
 * {@code trimKnown} moves unwritten changes to pending ids all the time). At every checkpoint the seen-ids
 * Flink state of every key must be exactly the uncached operator's, and so must the keys of every state;
 * at the end, the episodes and the late events.
 */
class DirtyIdsLockstepPropertyTest {
    private static final long BOUND_US = 3_000_000L;
    private static final long RETENTION_US = 10_000_000L;

    private static RedTeamHarness cached(DeviceSettings settings, String backend, Random r, StringBuilder path)
            throws Exception {
        int devices = 1 + r.nextInt(3);
        int perDevice = 1 + r.nextInt(6);
        long known = switch (r.nextInt(4)) {
            case 0 -> 0L;
            case 1 -> 1 + r.nextInt(4);
            case 2 -> 5 + r.nextInt(40);
            default -> DeviceTimelineFunction.RESIDENT_IDS;
        };
        if (r.nextInt(5) == 0) {
            devices = DeviceTimelineFunction.CACHED_DEVICES;
            perDevice = DeviceTimelineFunction.PENDING_PER_DEVICE;
        }
        path.append(' ').append(devices).append('x').append(perDevice).append('k').append(known);
        DeviceTimelineFunction f = CacheAttack.function(settings, false, 0L).cacheSizes(devices, perDevice)
                .knownIds(known);
        return new RedTeamHarness(f, backend, "on");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<Long, Long>> seenIds(RedTeamHarness h) throws Exception {
        Field sf = DeviceTimelineFunction.class.getDeclaredField("stores");
        sf.setAccessible(true);
        Object stores = sf.get(h.function);
        Field idf = KeyedDeviceStores.class.getDeclaredField("ids");
        idf.setAccessible(true);
        MapState<Long, Long> ids = (MapState<Long, Long>) idf.get(stores);
        AbstractStreamOperator<?> op = (AbstractStreamOperator<?>) h.getOperator();
        Object was = op.getCurrentKey();
        Map<String, Map<Long, Long>> out = new TreeMap<>();
        for (String key : CacheAttack.keysByState(h).get("seen-ids")) {
            op.setCurrentKey(key);
            Map<Long, Long> m = new TreeMap<>();
            for (Map.Entry<Long, Long> e : ids.entries()) {
                m.put(e.getKey(), e.getValue());
            }
            if (!m.isEmpty()) {
                out.put(key, m);
            }
        }
        if (was != null) {
            op.setCurrentKey(was);
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}, {1}, idle {2}")
    @CsvSource({"1,hashmap,never", "2,rocksdb,never", "3,hashmap,20", "4,rocksdb,20", "5,hashmap,8",
            "6,hashmap,never", "7,hashmap,30", "8,rocksdb,8"})
    void seenIdsInStateAtEveryCheckpointAreTheUncachedOperators(long seed, String backend, String idle)
            throws Exception {
        List<RawEvent> events = HarnessEquivalencePropertyTest.corpus(seed, 3, Duration.ofMinutes(3));
        Random r = new Random(seed);
        record Arrival(long atUs, RawEvent event) {}
        List<Arrival> arrivals = new ArrayList<>();
        for (RawEvent e : events) {
            arrivals.add(new Arrival(e.tsUs() + (long) (r.nextDouble() * BOUND_US), e));
            int k = r.nextInt(12);
            if (k == 0) { // a repeat within the bound
                arrivals.add(new Arrival(e.tsUs() + (long) (r.nextDouble() * BOUND_US), e));
            } else if (k == 1) { // a repeat around the retention: swept or not, late or not
                arrivals.add(new Arrival(e.tsUs() + RETENTION_US / 2 + (long) (r.nextDouble() * RETENTION_US * 2), e));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::atUs));
        long idleUs = idle.equals("never") ? DeviceSettings.NEVER : Long.parseLong(idle) * 1_000_000L;
        DeviceSettings settings = new DeviceSettings(SessionRules.DEFAULT, RETENTION_US, idleUs);

        StringBuilder path = new StringBuilder();
        RedTeamHarness off = new RedTeamHarness(CacheAttack.function(settings, false, 0L), backend, "off");
        RedTeamHarness on = cached(settings, backend, r, path);
        off.open();
        on.open();
        List<Episode> offOut = new ArrayList<>();
        List<Episode> onOut = new ArrayList<>();
        int offLate = 0;
        int onLate = 0;
        long watermarkMs = Long.MIN_VALUE;
        int n = 0;
        int checkpoints = 0;
        for (Arrival a : arrivals) {
            off.event(a.event());
            on.event(a.event());
            n++;
            if (r.nextInt(5) == 0) {
                long w = Math.floorDiv(a.atUs() - BOUND_US, 1000L) - 1;
                if (w > watermarkMs) {
                    watermarkMs = w;
                    off.processWatermark(w);
                    on.processWatermark(w);
                }
            }
            if (r.nextInt(25) == 0) {
                checkpoints++;
                OperatorSubtaskState offSnap = off.snapshot(n, n);
                OperatorSubtaskState onSnap = on.snapshot(n, n);
                String at = "seed " + seed + " at arrival " + n + ", path" + path;
                assertEquals(seenIds(off), seenIds(on), "seen-ids in state, " + at);
                assertEquals(CacheAttack.keysByState(off), CacheAttack.keysByState(on), "keys by state, " + at);
                if (r.nextBoolean()) {
                    offOut.addAll(off.extractOutputValues());
                    onOut.addAll(on.extractOutputValues());
                    offLate += off.late();
                    onLate += on.late();
                    off.close();
                    on.close();
                    path.append(" >").append(n).append('>');
                    off = new RedTeamHarness(CacheAttack.function(settings, false, 0L), backend, "off");
                    on = cached(settings, backend, r, path);
                    off.initializeState(offSnap);
                    on.initializeState(onSnap);
                    off.open();
                    on.open();
                }
            }
        }
        off.processWatermark(Long.MAX_VALUE);
        on.processWatermark(Long.MAX_VALUE);
        off.snapshot(n + 1, n + 1);
        on.snapshot(n + 1, n + 1);
        String at = "seed " + seed + " at the end (" + checkpoints + " checkpoints), path" + path;
        assertEquals(seenIds(off), seenIds(on), "seen-ids in state, " + at);
        offOut.addAll(off.extractOutputValues());
        onOut.addAll(on.extractOutputValues());
        offLate += off.late();
        onLate += on.late();
        off.close();
        on.close();
        assertEquals(offLate, onLate, "late, " + at);
        assertEquals(HarnessEquivalencePropertyTest.sorted(offOut), HarnessEquivalencePropertyTest.sorted(onOut),
                "episodes, " + at);
    }
}
