package dev.episodes.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdHashesTest {

    @Test
    void behavesLikeASetUnderRandomAddsAndRemoves() {
        for (long seed = 0; seed < 20; seed++) {
            Random r = new Random(seed);
            IdHashes set = new IdHashes();
            Set<Long> model = new HashSet<>();
            int universe = 1 + r.nextInt(2000); // small universes force long probe chains and wrap-around
            for (int op = 0; op < 20_000; op++) {
                long h = IdHashes.of("e-" + r.nextInt(universe));
                switch (r.nextInt(3)) {
                    case 0 -> assertEquals(model.add(h), set.add(h), "add, seed " + seed);
                    case 1 -> assertEquals(model.remove(h), set.remove(h), "remove, seed " + seed);
                    default -> assertEquals(model.contains(h), set.contains(h), "contains, seed " + seed);
                }
                assertEquals(model.size(), set.size());
            }
            for (Long h : model) {
                assertEquals(true, set.contains(h));
            }
        }
    }

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
