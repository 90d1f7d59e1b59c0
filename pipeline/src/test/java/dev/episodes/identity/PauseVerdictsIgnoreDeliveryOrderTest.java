package dev.episodes.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.consent.ConsentHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Red team (issue 17, item 4): consent events arrive in any order and more than once (at-least-once, other
 * partitions, a consent system that stamps milliseconds), and broadcast state is encoded and restored
 * mid-stream. Whatever the delivery order, duplicates and restores, every instant must get the same verdict,
 * and a pause must withhold exactly [ts, until) unless something stricter covers it.
 */
class PauseVerdictsIgnoreDeliveryOrderTest {
    /** ts, granted (1/0), until (0: none). */
    private static final long[][] CHANGES = {
            {1_000, 1, 0},            // granted
            {2_000, 0, 5_000},        // a 3 ms pause
            {3_000, 0, 4_000},        // a shorter pause inside it
            {3_000, 1, 0},            // a grant at the same instant as that pause (stricter wins)
            {6_000, 0, 0},            // an exemption
            {7_000, 0, 9_000},        // a pause inside the exemption (must not re-admit at 9000)
            {10_000, 1, 0},           // granted again
            {11_000, 0, 11_000},      // a pause ending at its own start: reads as no end (fail closed)
            {12_000, 1, 0},
            {13_000, 0, 12_500},      // an end before its start: no end
            {14_000, 1, 0},
            {15_000, 0, 15_001},      // one microsecond
    };

    @Test
    void everyDeliveryOrderWithDuplicatesAndRestoresGivesTheSameVerdicts() {
        List<ConsentHistory.Verdict> expected = verdicts(apply(inOrder(), -1));
        // What the documented semantics say, spot checks.
        assertEquals(ConsentHistory.Verdict.ADMITTED, verdictAt(expected, 1_999));
        assertEquals(ConsentHistory.Verdict.PAUSED, verdictAt(expected, 2_000));
        assertEquals(ConsentHistory.Verdict.PAUSED, verdictAt(expected, 4_500));
        assertEquals(ConsentHistory.Verdict.ADMITTED, verdictAt(expected, 5_000));
        assertEquals(ConsentHistory.Verdict.REVOKED, verdictAt(expected, 9_000));
        assertEquals(ConsentHistory.Verdict.ADMITTED, verdictAt(expected, 10_000));
        assertEquals(ConsentHistory.Verdict.REVOKED, verdictAt(expected, 11_500));
        assertEquals(ConsentHistory.Verdict.REVOKED, verdictAt(expected, 13_500));
        assertEquals(ConsentHistory.Verdict.PAUSED, verdictAt(expected, 15_000));
        assertEquals(ConsentHistory.Verdict.ADMITTED, verdictAt(expected, 15_001));
        Random rnd = new Random(17);
        for (int round = 0; round < 500; round++) {
            List<long[]> order = new ArrayList<>(inOrder());
            for (int d = rnd.nextInt(4); d > 0; d--) {
                order.add(order.get(rnd.nextInt(order.size()))); // redelivered
            }
            Collections.shuffle(order, rnd);
            assertEquals(expected, verdicts(apply(order, rnd.nextInt(order.size()))), "round " + round);
        }
    }

    private static List<long[]> inOrder() {
        return List.of(CHANGES);
    }

    /** Applies the changes in order, encoding and decoding the state (a restore) after {@code restoreAt}. */
    private static ConsentHistory apply(List<long[]> order, int restoreAt) {
        ConsentHistory h = ConsentHistory.empty();
        for (int i = 0; i < order.size(); i++) {
            long[] c = order.get(i);
            h = c[2] == 0 ? h.with(c[0], c[1] == 1) : h.with(c[0], c[1] == 1, c[2]);
            if (i == restoreAt) {
                h = ConsentHistory.decode(h.encode());
            }
        }
        return h;
    }

    private static List<ConsentHistory.Verdict> verdicts(ConsentHistory h) {
        List<ConsentHistory.Verdict> out = new ArrayList<>();
        for (long t = 0; t <= 16_000; t++) {
            out.add(h.verdict(t, false));
        }
        return out;
    }

    private static ConsentHistory.Verdict verdictAt(List<ConsentHistory.Verdict> v, long t) {
        return v.get((int) t);
    }
}
