package dev.episodes.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuietClockTest {
    private static final long Q = 300_000;
    private static final long SAMPLE = 1_000;

    @Test
    void quietAfterTheQuietTimeWithoutEventsAndWithAWatermarkStandingStill() {
        QuietClock c = new QuietClock(Q);
        c.input(1_000);
        assertEquals(1_000 + Q, c.quietAtMs(2_000));
        c.watermark(5, 1_000 + Q); // first look, and a watermark that trailed the last events
        assertFalse(c.quiet(1_000 + Q), "the watermark may still be moving");
        assertEquals(1_000 + Q + SAMPLE, c.quietAtMs(1_000 + Q));
        c.watermark(5, 1_000 + Q + SAMPLE);
        assertTrue(c.quiet(1_000 + Q + SAMPLE), "it stood still for a sample");
    }

    @Test
    void aMovingWatermarkIsNeverQuietAndAnEventStartsTheQuietTimeAgain() {
        QuietClock c = new QuietClock(Q);
        c.input(0);
        for (long now = Q; now < 3 * Q; now += SAMPLE) {
            c.watermark(now, now); // other devices keep event time moving
            assertFalse(c.quiet(now));
        }
        c.watermark(3 * Q, 3 * Q);
        c.watermark(3 * Q, 3 * Q + SAMPLE);
        assertTrue(c.quiet(3 * Q + SAMPLE));
        c.input(3 * Q + SAMPLE);
        assertFalse(c.quiet(3 * Q + 2 * SAMPLE));
        assertEquals(4 * Q + SAMPLE, c.quietAtMs(3 * Q + 2 * SAMPLE));
    }

    @Test
    void afterARestartTheQuietTimeStartsAtTheFirstLook() {
        QuietClock c = new QuietClock(Q);
        assertFalse(c.quiet(Long.MAX_VALUE / 2), "nothing seen yet: not known to be quiet");
        assertEquals(10 + Q, c.quietAtMs(10));
        c.watermark(Long.MIN_VALUE, 10);
        assertFalse(c.quiet(10 + Q - 1));
        assertTrue(c.quiet(10 + Q));
    }

    @Test
    void offIsNeverQuietAndShortQuietTimesSampleFaster() {
        QuietClock off = new QuietClock(0);
        off.input(0);
        off.watermark(1, 0);
        assertFalse(off.enabled());
        assertFalse(off.quiet(Long.MAX_VALUE / 2));
        assertThrows(IllegalArgumentException.class, () -> new QuietClock(-1));
        QuietClock quick = new QuietClock(2_000);
        quick.input(0);
        quick.watermark(1, 2_000);
        assertEquals(2_200, quick.quietAtMs(2_000), "a tenth of the quiet time");
    }
}
