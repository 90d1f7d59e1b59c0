package dev.episodes.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.ConsentEvent;
import dev.episodes.event.KeyEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildWindowTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final BuildWindow W = BuildWindow.day(DAY, Duration.ofHours(12), Duration.ofMinutes(31));

    private static long us(String instant) {
        return Instant.parse(instant).toEpochMilli() * 1000;
    }

    private static KeyEvent key(String at) {
        return new KeyEvent("e", "u", "d", us(at), 1, true, "a", "KeyA", 0);
    }

    @Test
    void keepsEpisodesThatStartOnTheDayOnly() {
        assertTrue(W.keeps(us("2026-11-28T00:00:00Z")));
        assertTrue(W.keeps(us("2026-11-28T23:59:59.999Z")));
        assertFalse(W.keeps(us("2026-11-29T00:00:00Z")));
        assertFalse(W.keeps(us("2026-11-27T23:59:59.999Z")));
    }

    @Test
    void readsAroundTheDayAndConsentFromTheBeginning() {
        assertTrue(W.reads(key("2026-11-27T12:00:00Z")));
        assertFalse(W.reads(key("2026-11-27T11:59:59Z")));
        assertTrue(W.reads(key("2026-11-29T00:30:59Z")));
        assertFalse(W.reads(key("2026-11-29T00:31:00Z")));
        assertTrue(W.reads(new ConsentEvent("c", "u", "d", us("2020-01-01T00:00:00Z"), 1, false)),
                "a revoke long before the window still applies");
        assertFalse(W.reads(new ConsentEvent("c", "u", "d", us("2026-11-29T01:00:00Z"), 1, false)));
        assertTrue(BuildWindow.ALL.reads(key("1999-01-01T00:00:00Z")));
    }

    @Test
    void coversTheWholeDaysInside() {
        assertEquals(List.of("dt=2026-11-28"), W.coveredPartitions());
        BuildWindow partial = BuildWindow.of(Instant.parse("2026-11-28T12:00:00Z"), Instant.parse("2026-11-30T06:00:00Z"),
                Duration.ZERO, Duration.ZERO);
        assertEquals(List.of("dt=2026-11-29"), partial.coveredPartitions(), "partly covered days are not replaced empty");
        assertEquals(List.of(), BuildWindow.ALL.coveredPartitions());
    }
}
