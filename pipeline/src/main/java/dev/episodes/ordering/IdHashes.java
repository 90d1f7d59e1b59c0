package dev.episodes.ordering;

import java.util.Arrays;

/**
 * A set of 64-bit event-id hashes (open addressing, linear probing, no boxing). Dedup state is the
 * largest per-device structure and was dominated by String/HashMap overhead; a 64-bit hash keeps
 * the chance that two distinct ids of one device within the retention window collide below 1e-11.
 */
final class IdHashes {
    private static final long EMPTY = 0L; // hashes are never 0: see of()

    private long[] slots = new long[16];
    private int size;

    /** FNV-1a over the UTF-16 chars, then a murmur3 finalizer; 0 is remapped so it can mark empty slots. */
    static long of(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1L : h;
    }

    int size() {
        return size;
    }

    boolean contains(long h) {
        int mask = slots.length - 1;
        for (int i = index(h, mask); ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == h) {
                return true;
            }
            if (s == EMPTY) {
                return false;
            }
        }
    }

    boolean add(long h) {
        if ((size + 1) * 4 > slots.length * 3) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = index(h, mask); ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == h) {
                return false;
            }
            if (s == EMPTY) {
                slots[i] = h;
                size++;
                return true;
            }
        }
    }

    boolean remove(long h) {
        int mask = slots.length - 1;
        int i = index(h, mask);
        while (slots[i] != h) {
            if (slots[i] == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion keeps every remaining entry reachable from its home slot.
        int gap = i;
        for (int j = (gap + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
            int home = index(slots[j], mask);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                slots[gap] = slots[j];
                gap = j;
            }
        }
        slots[gap] = EMPTY;
        size--;
        if (size == 0 && slots.length > 64) {
            slots = new long[16]; // an idle device gives back its table
        }
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long h : old) {
            if (h != EMPTY) {
                add(h);
            }
        }
    }

    private static int index(long h, int mask) {
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @Override
    public String toString() {
        return "IdHashes" + Arrays.toString(Arrays.stream(slots).filter(s -> s != EMPTY).sorted().toArray());
    }
}
