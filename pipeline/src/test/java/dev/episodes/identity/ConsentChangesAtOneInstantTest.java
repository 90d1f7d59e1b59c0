package dev.episodes.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.consent.ConsentHistory;
import dev.episodes.consent.ConsentHistory.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Red team (issue 17): two consent changes of one person at the same microsecond. ConsentHistory keys
 * changes by ts_us, so the second one to arrive replaces the first. Consent systems stamp in milliseconds
 * (×1000) and an exemption and a pause issued together, or from two devices, share an instant; the
 * broadcast delivers them in any order. docs/privacy.md: "a pause never re-admits someone exempt".
 */
class ConsentChangesAtOneInstantTest {
    private static final long T = 1_763_856_000_000_000L;
    private static final long HOUR = 3_600_000_000L;

    @Test
    void anExemptionAndAPauseAtTheSameInstantStillWithholdAfterThePause() {
        ConsentHistory h = ConsentHistory.empty()
                .with(T, false) // exemption: revoked, no end
                .with(T, false, T + HOUR); // a pause stamped the same microsecond
        assertEquals(Verdict.REVOKED, h.verdict(T + 2 * HOUR, true),
                "the pause ended and the person is exempt: must stay withheld, " + h.encode());
    }

    @Test
    void theVerdictDoesNotDependOnTheOrderTwoChangesAtOneInstantArrive() {
        ConsentHistory a = ConsentHistory.empty().with(T, false).with(T, true);
        ConsentHistory b = ConsentHistory.empty().with(T, true).with(T, false);
        assertEquals(a.verdict(T + 1, true), b.verdict(T + 1, true),
                "a revoke and a grant at one instant: arrival order decides (" + a.encode() + " vs " + b.encode() + ")");
    }

    @Test
    void aPauseAndAGrantAtTheSameInstantWithholdWhateverTheOrder() {
        ConsentHistory a = ConsentHistory.empty().with(T, false, T + HOUR).with(T, true);
        assertEquals(Verdict.PAUSED, a.verdict(T + 1, true), "a grant at the pause's instant erased it: " + a.encode());
    }

    @Test
    void microsecondEdgesOfAPause() {
        ConsentHistory h = ConsentHistory.empty().with(T, false, T + 1);
        assertEquals(Verdict.ADMITTED, h.verdict(T - 1, true));
        assertEquals(Verdict.PAUSED, h.verdict(T, true));
        assertEquals(Verdict.ADMITTED, h.verdict(T + 1, true));
        assertEquals(Verdict.REVOKED, ConsentHistory.empty().with(T, false, T).verdict(T + HOUR, true), "until == ts");
        assertEquals(Verdict.REVOKED, ConsentHistory.empty().with(T, false, -5).verdict(T + HOUR, true), "negative");
        assertEquals(Verdict.REVOKED, ConsentHistory.empty().with(T, false, Long.MAX_VALUE).verdict(Long.MAX_VALUE - 1, true));
        // an exemption outlives a pause inside it, and a pause inside a pause
        ConsentHistory nested = ConsentHistory.empty().with(T, false).with(T + 10, false, T + 20);
        assertEquals(Verdict.REVOKED, nested.verdict(T + 30, true));
        ConsentHistory pp = ConsentHistory.empty().with(T, false, T + 100).with(T + 10, false, T + 20);
        assertEquals(Verdict.PAUSED, pp.verdict(T + 50, true));
        // survives encode/decode
        assertEquals(nested, ConsentHistory.decode(nested.encode()));
    }
}
