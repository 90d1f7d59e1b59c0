package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pseudonyms remembered for recent ids are the HMAC a fresh instance computes, past the cache's size too. */
class PseudonymizerCacheTest {
    @Test
    void cachedPseudonymsAreTheKeyedHmac() {
        byte[] key = new byte[32];
        key[0] = 7;
        Pseudonymizer cached = new Pseudonymizer(key);
        Random r = new Random(5);
        for (int i = 0; i < 30_000; i++) {
            String id = "id-" + r.nextInt(10_000); // more ids than the 4,096 kept: evictions and re-computations
            Pseudonymizer fresh = new Pseudonymizer(key);
            assertEquals(fresh.user(id), cached.user(id));
            assertEquals(fresh.device(id), cached.device(id));
            assertNotEquals(cached.user(id), cached.device(id), "user and device namespaces stay apart in the cache");
        }
        assertNotEquals(new Pseudonymizer(new byte[32]).user("id-1"), cached.user("id-1"), "another key, another pseudonym");
    }
}
