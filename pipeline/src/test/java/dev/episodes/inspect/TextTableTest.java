package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
    private static TextTable table() {
        return new TextTable("").left("id").right("n").shrinking("target", 6, 3).shrinking("place", 6, 1)
                .row(List.of("a1", "7", "x".repeat(30), "y".repeat(30)))
                .row(List.of("b22", "1,204", "short", "here"));
    }

    @Test
    void columnsAreAsWideAsTheirWidestCellWhenThereIsRoom() {
        assertEquals(List.of(
                "id       n  target                          place",
                "a1       7  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
                "b22  1,204  short                           here"), table().lines(200));
    }

    @Test
    void shrinkingColumnsGiveUpCharactersByWeightDownToTheirMinimum() {
        List<String> lines = table().lines(40);
        // 26 characters for the two: the place narrows to its minimum of 6, the target keeps 20.
        assertEquals("a1       7  " + "x".repeat(17) + "...  yyy...", lines.get(1));
        lines.forEach(l -> assertEquals(true, l.length() <= 40, l));
        assertEquals("b22  1,204  short" + " ".repeat(17) + "here", lines.get(2));
        assertEquals("a1       7  xxx...  yyy...", table().lines(26).get(1), "both at their minimum");
        assertEquals("a1       7  xxx...  y...", table().lines(24).get(1), "then the line's end is cut");
    }
}
