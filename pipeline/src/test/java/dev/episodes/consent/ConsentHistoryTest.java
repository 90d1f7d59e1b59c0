package dev.episodes.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.consent.ConsentHistory.Verdict;
import org.junit.jupiter.api.Test;

class ConsentHistoryTest {

    @Test
    void aPauseWithholdsFromItsTimeToItsEndExclusiveThenTheChangeBeforeItDecides() {
        ConsentHistory h = ConsentHistory.empty().with(100, true).with(1_000, false, 2_000);
        assertEquals(Verdict.ADMITTED, h.verdict(999, false));
        assertEquals(Verdict.PAUSED, h.verdict(1_000, true));
        assertEquals(Verdict.PAUSED, h.verdict(1_999, true));
        assertEquals(Verdict.ADMITTED, h.verdict(2_000, false), "the grant before the pause");
        // With no change before it, the default decides after the pause: revoked by default stays out.
        ConsentHistory alone = ConsentHistory.empty().with(1_000, false, 2_000);
        assertTrue(alone.admits(2_000, true));
        assertFalse(alone.admits(2_000, false));
    }

    @Test
    void aPauseNeverReadmitsAnExemptPersonAndNestedPausesHold() {
        ConsentHistory exempt = ConsentHistory.empty().with(1_000, false).with(1_500, false, 1_600);
        assertEquals(Verdict.REVOKED, exempt.verdict(1_700, true));
        assertTrue(exempt.with(3_000, true).admits(3_000, false), "a later grant ends the exemption");
        ConsentHistory nested = ConsentHistory.empty().with(1_000, false, 5_000).with(2_000, false, 3_000);
        assertEquals(Verdict.PAUSED, nested.verdict(4_000, true), "the outer pause still runs");
        assertTrue(nested.admits(5_000, true));
    }

    @Test
    void anEndNotAfterTheRevokeIsARevokeWithNoEnd() {
        assertEquals(Verdict.REVOKED, ConsentHistory.empty().with(1_000, false, 1_000).verdict(9_999, true));
        assertEquals(Verdict.REVOKED, ConsentHistory.empty().with(1_000, false, 5).verdict(9_999, true));
    }

    @Test
    void readsTheFormBeforePausesAndRoundTripsTheNewOne() {
        ConsentHistory old = ConsentHistory.decode("100:1,1000:0");
        assertEquals(Verdict.REVOKED, old.verdict(5_000, true));
        ConsentHistory h = old.with(6_000, true).with(7_000, false, 8_000);
        assertEquals("100:1,1000:0,6000:1,7000:0~8000", h.encode());
        assertEquals(h, ConsentHistory.decode(h.encode()));
        assertTrue(h.everWithheld());
        assertFalse(ConsentHistory.decode("5:1").everWithheld());
    }
}
