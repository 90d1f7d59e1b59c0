package dev.episodes.harness;

import dev.episodes.config.PseudonymKey;
import java.security.SecureRandom;

/**
 * The bench's pseudonym key: 32 random bytes drawn per run and never written anywhere. There is no
 * built-in key, and a bench has no people to pseudonymise consistently across runs.
 */
final class BenchKey {
    private static final PseudonymKey KEY = random();

    private BenchKey() {}

    static PseudonymKey get() {
        return KEY;
    }

    private static PseudonymKey random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return PseudonymKey.of(bytes, "the bench's own random key");
    }
}
