package dev.episodes.flink.operators;

import dev.episodes.ordering.SeenIds;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/**
 * Every dedup id of one device with its event time, on the heap without boxing (open addressing, linear
 * probing): what {@link DeviceCache} keeps of a device's {@code seen-ids} once it knows all of them, so that
 * a lookup and a sweep need no state access. About 17 bytes an id at most three quarters full. Each id
 * also says whether it changed since it was last written to Flink state ({@link #dirtyCount}): so the
 * table that answers lookups also says what to write, without a second table of pending ids.
 */
final class IdTimes {
    private static final int MIN_SLOTS = 16;
    /** Key 0 marks a free slot; id 0 itself lives beside the table. */
    private long[] keys;
    private long[] times;
    /** Per slot: {@link #CLEAN}, {@link #NEW} or {@link #CHANGED}. */
    private byte[] dirty;
    private int size;
    private int dirtyCount;
    private boolean hasZero;
    private long zeroTime;
    private byte zeroDirty;
    /** As written to Flink state. */
    private static final byte CLEAN = 0;
    /** Not in Flink state: never written. */
    private static final byte NEW = 1;
    /** In Flink state with an older time. */
    private static final byte CHANGED = 2;

    IdTimes() {
        this(MIN_SLOTS);
    }

    private IdTimes(int slots) {
        keys = new long[slots];
        times = new long[slots];
        dirty = new byte[slots];
    }

    /** Ids held. */
    int size() {
        return size + (hasZero ? 1 : 0);
    }

    /** The event time of {@code id}, or {@link SeenIds#ABSENT}. */
    long get(long id) {
        if (id == 0) {
            return hasZero ? zeroTime : SeenIds.ABSENT;
        }
        int mask = keys.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == id) {
                return times[i];
            }
            if (k == 0) {
                return SeenIds.ABSENT;
            }
        }
    }

    /** Sets {@code id}'s time, marking it changed; true if the id is new. */
    boolean put(long id, long tsUs) {
        if (id == 0) {
            boolean added = !hasZero;
            if (zeroDirty == CLEAN) {
                zeroDirty = added ? NEW : CHANGED;
                dirtyCount++;
            }
            hasZero = true;
            zeroTime = tsUs;
            return added;
        }
        int mask = keys.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == id) {
                times[i] = tsUs;
                if (dirty[i] == CLEAN) {
                    dirty[i] = CHANGED;
                    dirtyCount++;
                }
                return false;
            }
            if (k == 0) {
                keys[i] = id;
                times[i] = tsUs;
                dirty[i] = NEW;
                dirtyCount++;
                if (++size * 4 > keys.length * 3) {
                    rehash(keys.length * 2);
                }
                return true;
            }
        }
    }

    /** Removes {@code id}; true if it was here. Backward shift: the probe chains stay whole, no tombstones. */
    boolean remove(long id) {
        if (id == 0) {
            boolean had = hasZero;
            hasZero = false;
            if (zeroDirty != CLEAN) {
                zeroDirty = CLEAN;
                dirtyCount--;
            }
            return had;
        }
        int mask = keys.length - 1;
        int i = slot(id, mask);
        while (keys[i] != id) {
            if (keys[i] == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
        if (dirty[i] != CLEAN) {
            dirtyCount--;
        }
        // Move each later entry of the chain into the gap when its home slot does not lie after the gap.
        for (int gap = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
            long k = keys[j];
            if (k == 0) {
                keys[gap] = 0;
                dirty[gap] = CLEAN;
                size--;
                return true;
            }
            int home = slot(k, mask);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = k;
                times[gap] = times[j];
                dirty[gap] = dirty[j];
                gap = j;
            }
        }
    }

    /** Every id and its time, in no order. */
    void forEach(IdTime each) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                each.accept(keys[i], times[i]);
            }
        }
        if (hasZero) {
            each.accept(0L, zeroTime);
        }
    }

    /** Ids changed since the last {@link #clean}. */
    int dirtyCount() {
        return dirtyCount;
    }

    /** Every id changed since the last {@link #clean} and its time, in no order. */
    void forEachDirty(IdTime each) {
        if (dirtyCount == 0) {
            return;
        }
        for (int i = 0; i < keys.length; i++) {
            if (dirty[i] != CLEAN) {
                each.accept(keys[i], times[i]);
            }
        }
        if (zeroDirty != CLEAN) {
            each.accept(0L, zeroTime);
        }
    }

    /** Every id is as written to Flink state now. */
    void clean() {
        if (dirtyCount > 0) {
            java.util.Arrays.fill(dirty, CLEAN);
            zeroDirty = CLEAN;
            dirtyCount = 0;
        }
    }

    /** An id and its time, unboxed. */
    @FunctionalInterface
    interface IdTime {
        void accept(long id, long tsUs);
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Empties the table, back to its smallest size. */
    void clear() {
        if (size() == 0) {
            return;
        }
        keys = new long[MIN_SLOTS];
        times = new long[MIN_SLOTS];
        dirty = new byte[MIN_SLOTS];
        size = 0;
        dirtyCount = 0;
        hasZero = false;
        zeroDirty = CLEAN;
    }

    /**
     * Drops every id whose time {@code forgotten} accepts, telling {@code dropped} each that Flink state
     * holds (not those added since the last {@link #clean}: they were never written); returns the earliest
     * time left, or MAX_VALUE (as {@link SeenIds#sweep}).
     */
    long sweep(LongPredicate forgotten, LongConsumer dropped) {
        long earliest = Long.MAX_VALUE;
        long[] oldKeys = keys;
        long[] oldTimes = times;
        byte[] oldDirty = dirty;
        int kept = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                if (forgotten.test(oldTimes[i])) {
                    if (oldDirty[i] != NEW) {
                        dropped.accept(oldKeys[i]);
                    }
                    oldKeys[i] = 0;
                } else {
                    earliest = Math.min(earliest, oldTimes[i]);
                    kept++;
                }
            }
        }
        if (hasZero) {
            if (forgotten.test(zeroTime)) {
                if (zeroDirty != NEW) {
                    dropped.accept(0L);
                }
                hasZero = false;
                zeroDirty = CLEAN;
            } else {
                earliest = Math.min(earliest, zeroTime);
            }
        }
        // Rebuilt from what is left: clearing slots in place would break the probe chains.
        keys = new long[slotsFor(kept)];
        times = new long[keys.length];
        dirty = new byte[keys.length];
        size = 0;
        dirtyCount = zeroDirty != CLEAN ? 1 : 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                insertFresh(oldKeys[i], oldTimes[i], oldDirty[i]);
            }
        }
        return earliest;
    }

    private void rehash(int slots) {
        long[] oldKeys = keys;
        long[] oldTimes = times;
        byte[] oldDirty = dirty;
        keys = new long[slots];
        times = new long[slots];
        dirty = new byte[slots];
        size = 0;
        dirtyCount = zeroDirty != CLEAN ? 1 : 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                insertFresh(oldKeys[i], oldTimes[i], oldDirty[i]);
            }
        }
    }

    /** An id known to be absent, into a table with room. */
    private void insertFresh(long id, long tsUs, byte changed) {
        int mask = keys.length - 1;
        int i = slot(id, mask);
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = id;
        times[i] = tsUs;
        dirty[i] = changed;
        size++;
        if (changed != CLEAN) {
            dirtyCount++;
        }
    }

    private static int slotsFor(int ids) {
        int slots = MIN_SLOTS;
        while (ids * 4 > slots * 3 - 4) { // room to add a few before the next rehash
            slots *= 2;
        }
        return slots;
    }

    /** The ids are hashes already, but of strings we do not control: mix before masking. */
    private static int slot(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
