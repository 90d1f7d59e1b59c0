package dev.episodes.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdHashesTest {

    @Test
    void hashesAreStableAndNeverTheEmptyMarker() {
        assertEquals(IdHashes.of("7f3c1b2e-0001"), IdHashes.of(new String("7f3c1b2e-0001")));
        assertNotEquals(IdHashes.of("a"), IdHashes.of("b"));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1_000_000; i++) {
            long h = IdHashes.of("dev-1:" + i);
            assertNotEquals(0L, h);
            seen.add(h);
        }
        assertEquals(1_000_000, seen.size(), "no collisions among a million sequential ids");
    }
}
