package dev.episodes.ordering;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The ids (64-bit hashes) of a device's released events with their event times, remembered for dedup.
 * Kept apart from the state every event reads: an event looks one id up and a release adds one, so the
 * cost of an event does not grow with how many ids the retention keeps. Whether an id is still
 * remembered is decided at lookup ({@link ReorderBuffer}); {@link #sweep} only frees what is forgotten.
 */
public interface SeenIds {
    long ABSENT = Long.MIN_VALUE;

    /** The event time of a remembered id, or {@link #ABSENT}. */
    long tsOf(long idHash);

    void put(long idHash, long tsUs);

    /** Removes every id whose event time {@code forgotten} accepts; returns the earliest left, or MAX_VALUE. */
    long sweep(LongPredicate forgotten);

    /** How many ids have an event time {@code remembered} accepts (tests, diagnostics: it visits them all). */
    int count(LongPredicate remembered);

    /** A map on the heap: for tests, offline use and anything without a state backend. */
    static SeenIds inMemory() {
        return new SeenIds() {
            private final Map<Long, Long> ids = new HashMap<>();

            @Override
            public long tsOf(long idHash) {
                Long ts = ids.get(idHash);
                return ts == null ? ABSENT : ts;
            }

            @Override
            public void put(long idHash, long tsUs) {
                ids.put(idHash, tsUs);
            }

            @Override
            public long sweep(LongPredicate forgotten) {
                long earliest = Long.MAX_VALUE;
                for (Iterator<Long> it = ids.values().iterator(); it.hasNext(); ) {
                    long ts = it.next();
                    if (forgotten.test(ts)) {
                        it.remove();
                    } else {
                        earliest = Math.min(earliest, ts);
                    }
                }
                return earliest;
            }

            @Override
            public int count(LongPredicate remembered) {
                return (int) ids.values().stream().filter(remembered::test).count();
            }
        };
    }
}
