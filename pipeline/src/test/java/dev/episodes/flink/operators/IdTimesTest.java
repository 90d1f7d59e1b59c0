package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.ordering.SeenIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link IdTimes} answers as a map would, through growth, sweeps that empty it, id 0 and clashing slots. */
class IdTimesTest {
    @Test
    void putsLookupsAndSweepsAgreeWithAMap() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            IdTimes ids = new IdTimes();
            Map<Long, Long> expected = new HashMap<>();
            // Few distinct ids, some equal modulo every table size, and 0: repeats and clashes on purpose.
            long[] pool = new long[300];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = switch (i % 4) {
                    case 0 -> r.nextLong();
                    case 1 -> (long) i << 40;
                    case 2 -> -i;
                    default -> i;
                };
            }
            pool[7] = 0;
            // What Flink state would hold: the table as of the last clean(), less what sweeps dropped since.
            Map<Long, Long> written = new HashMap<>();
            for (int step = 0; step < 5_000; step++) {
                long id = pool[r.nextInt(pool.length)];
                int op = r.nextInt(21);
                if (op < 12) {
                    long ts = r.nextInt(1_000);
                    assertEquals(!expected.containsKey(id), ids.put(id, ts), "new at " + step);
                    expected.put(id, ts);
                } else if (op < 19) {
                    assertEquals(expected.getOrDefault(id, SeenIds.ABSENT), ids.get(id), "lookup at " + step);
                } else if (op < 20) {
                    long cut = r.nextInt(1_100);
                    List<Long> dropped = new ArrayList<>();
                    long earliest = ids.sweep(ts -> ts < cut, dropped::add);
                    List<Long> gone = expected.entrySet().stream().filter(e -> e.getValue() < cut)
                            .map(Map.Entry::getKey).sorted().toList();
                    expected.keySet().removeAll(gone);
                    // Told only of those Flink state holds: one added since the last write never got there.
                    assertEquals(gone.stream().filter(written::containsKey).toList(), dropped.stream().sorted().toList(),
                            "dropped at " + step);
                    gone.forEach(written::remove);
                    assertEquals(expected.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE),
                            earliest, "earliest left at " + step);
                } else {
                    Map<Long, Long> changed = new HashMap<>();
                    ids.forEachDirty(changed::put);
                    Map<Long, Long> differ = new HashMap<>(expected);
                    differ.entrySet().removeIf(e -> e.getValue().equals(written.get(e.getKey()))
                            && !changed.containsKey(e.getKey()));
                    assertTrue(changed.entrySet().containsAll(differ.entrySet()),
                            "every id not as written is changed, at " + step + ": " + differ + " vs " + changed);
                    assertTrue(expected.entrySet().containsAll(changed.entrySet()), "changed ones are in the table");
                    assertEquals(changed.size(), ids.dirtyCount(), "changed count at " + step);
                    ids.clean();
                    assertEquals(0, ids.dirtyCount());
                    written.clear();
                    written.putAll(expected);
                }
                assertEquals(expected.size(), ids.size(), "size at " + step);
            }
            for (long id : pool) {
                assertEquals(expected.getOrDefault(id, SeenIds.ABSENT), ids.get(id));
            }
        }
    }

    /** The pending ids of {@link DeviceCache}: removals (backward shift) and clears mixed in, read back whole. */
    @Test
    void removalsClearsAndIterationAgreeWithAMap() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed * 31);
            IdTimes ids = new IdTimes();
            Map<Long, Long> expected = new HashMap<>();
            long[] pool = new long[200];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = i % 3 == 0 ? r.nextLong() : (long) i << (i % 2 == 0 ? 36 : 4); // clashing slots
            }
            pool[3] = 0;
            for (int step = 0; step < 6_000; step++) {
                long id = pool[r.nextInt(pool.length)];
                int op = r.nextInt(100);
                if (op < 55) {
                    long ts = r.nextInt(1_000);
                    assertEquals(!expected.containsKey(id), ids.put(id, ts), "new at " + step);
                    expected.put(id, ts);
                } else if (op < 85) {
                    assertEquals(expected.remove(id) != null, ids.remove(id), "removed at " + step);
                } else if (op < 99) {
                    Map<Long, Long> seen = new HashMap<>();
                    ids.forEach((k, ts) -> assertEquals(null, seen.put(k, ts), "each id once"));
                    assertEquals(expected, seen, "iteration at " + step);
                } else {
                    ids.clear();
                    expected.clear();
                }
                assertEquals(expected.size(), ids.size(), "size at " + step);
                assertEquals(expected.isEmpty(), ids.isEmpty());
                for (int k = 0; k < 5; k++) {
                    long probe = pool[r.nextInt(pool.length)];
                    assertEquals(expected.getOrDefault(probe, SeenIds.ABSENT), ids.get(probe), "lookup at " + step);
                }
            }
        }
    }
}
