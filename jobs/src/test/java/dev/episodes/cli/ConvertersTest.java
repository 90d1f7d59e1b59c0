package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Sizes and instants as people type them; anything else fails with an example of what works. */
class ConvertersTest {
    @Test
    void sizes() {
        SizeConverter c = new SizeConverter();
        assertEquals(256L * 1024 * 1024, c.convert("256MB"));
        assertEquals(64L * 1024, c.convert("64kb"));
        assertEquals(1L << 30, c.convert("1GB"));
        assertEquals(1000L, c.convert("1000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.convert("big")).getMessage().contains("256MB"));
        assertThrows(IllegalArgumentException.class, () -> c.convert("0MB"));
        assertThrows(IllegalArgumentException.class, () -> c.convert("99999999999GB"));
    }

    @Test
    void instants() {
        InstantConverter c = new InstantConverter();
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), c.convert("2026-11-01T00:00Z"));
        assertEquals(Instant.parse("2026-10-31T23:00:00Z"), c.convert("2026-11-01T00:00+01:00"));
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), c.convert("2026-11-01"), "a date is its UTC midnight");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.convert("yesterday")).getMessage()
                .contains("2026-11-01T00:00Z"));
    }
}
