package dev.episodes.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void fractionsAreHonouredAndAssignmentIsStable() {
        Splits s = Splits.DEFAULT;
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            String pseudonym = "u_" + Integer.toHexString(i * 2654435761L > 0 ? i * 31 + 7 : i);
            String split = s.of(pseudonym);
            assertEquals(split, Splits.parse("train=0.8,validation=0.1,test=0.1").of(pseudonym), "same person, same split");
            counts.merge(split, 1, Integer::sum);
        }
        assertEquals(3, counts.size());
        assertEquals(0.8, counts.get("train") / 20_000.0, 0.02);
        assertEquals(0.1, counts.get("validation") / 20_000.0, 0.02);
        assertEquals(0.1, counts.get("test") / 20_000.0, 0.02);
    }

    @Test
    void aZeroFractionNeverGetsAnyone() {
        Splits s = Splits.parse("train=1,test=0");
        for (int i = 0; i < 1000; i++) {
            assertEquals("train", s.of("p" + i));
        }
    }

    @Test
    void badSpecsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.parse("train=0.8,test=0.1"))
                .getMessage().contains("add up to 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.parse("train"))
                .getMessage().contains("name=fraction"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.parse("train=x,test=1"))
                .getMessage().contains("number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.parse("train=0.5,train=0.5"))
                .getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.parse("Train=1"))
                .getMessage().contains("lower case"));
    }
}
