package dev.episodes.ordering;

/**
 * 64-bit event-id hashes: dedup remembers these, not the strings ({@link SeenIds}); 64 bits keep the
 * chance that two distinct ids of one device within the retention window collide below 1e-11.
 */
final class IdHashes {
    private static final long EMPTY = 0L; // never a hash (kept so that ids in saved state keep their hashes)

    private IdHashes() {}

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
}
