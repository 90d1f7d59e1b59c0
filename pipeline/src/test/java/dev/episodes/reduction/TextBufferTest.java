package dev.episodes.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextBufferTest {
    private static String apply(String... ops) {
        TextBuffer b = new TextBuffer();
        for (String op : ops) {
            if (TextBuffer.isEditingKey(op)) {
                b.edit(op);
            } else {
                b.insert(op);
            }
        }
        return b.text();
    }

    @Test
    void backspaceDeletesBeforeTheCursorAndStopsAtTheStart() {
        assertEquals("ab", apply("a", "b", "c", "Backspace"));
        assertEquals("", apply("a", "Backspace", "Backspace", "Backspace"));
        assertEquals("x", apply("Backspace", "x"));
    }

    @Test
    void deleteRemovesAfterTheCursorAndDoesNothingAtTheEnd() {
        assertEquals("ac", apply("a", "b", "c", "ArrowLeft", "ArrowLeft", "Delete"));
        assertEquals("abc", apply("a", "b", "c", "Delete"));
    }

    @Test
    void arrowsHomeAndEndMoveTheCursorWithinTheTypedText() {
        assertEquals("xaby", apply("a", "b", "Home", "x", "End", "y"));
        assertEquals("a-b", apply("a", "b", "ArrowLeft", "-"));
        assertEquals("ba", apply("a", "ArrowLeft", "ArrowLeft", "ArrowLeft", "b"));
        assertEquals("ab", apply("a", "ArrowRight", "ArrowRight", "b"));
    }

    @Test
    void surrogatePairsAreEditedAsOneCharacter() {
        assertEquals("a", apply("a", "\uD83D\uDE00", "Backspace"));
        assertEquals("a\uD83D\uDE00b", apply("a", "\uD83D\uDE00", "ArrowLeft", "ArrowRight", "b"));
    }

    @Test
    void rejectsNonEditingKeys() {
        assertThrows(IllegalArgumentException.class, () -> new TextBuffer().edit("Enter"));
    }
}
