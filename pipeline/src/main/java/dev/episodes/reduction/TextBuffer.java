package dev.episodes.reduction;

/**
 * What one visit's typing left in an element: characters inserted at a cursor, edited by Backspace,
 * Delete, ArrowLeft/Right, Home and End. Text that was in the element before the visit is unknown to
 * the recorder, so edits never reach before it: Backspace at the start does nothing.
 */
public final class TextBuffer {
    private final StringBuilder text;
    private int cursor;

    public TextBuffer() {
        this("", 0);
    }

    public TextBuffer(String text, int cursor) {
        this.text = new StringBuilder(text);
        if (cursor < 0 || cursor > text.length()) {
            throw new IllegalArgumentException("cursor outside text");
        }
        this.cursor = cursor;
    }

    /** Keys that edit typed text rather than produce a step of their own. */
    public static boolean isEditingKey(String key) {
        return switch (key) {
            case "Backspace", "Delete", "ArrowLeft", "ArrowRight", "Home", "End" -> true;
            default -> false;
        };
    }

    public void insert(String chars) {
        text.insert(cursor, chars);
        cursor += chars.length();
    }

    /** Applies an editing key; the caller checked {@link #isEditingKey}. */
    public void edit(String key) {
        switch (key) {
            case "Backspace" -> {
                if (cursor > 0) {
                    int from = text.offsetByCodePoints(cursor, -1);
                    text.delete(from, cursor);
                    cursor = from;
                }
            }
            case "Delete" -> {
                if (cursor < text.length()) {
                    text.delete(cursor, text.offsetByCodePoints(cursor, 1));
                }
            }
            case "ArrowLeft" -> cursor = cursor > 0 ? text.offsetByCodePoints(cursor, -1) : 0;
            case "ArrowRight" -> cursor = cursor < text.length() ? text.offsetByCodePoints(cursor, 1) : cursor;
            case "Home" -> cursor = 0;
            case "End" -> cursor = text.length();
            default -> throw new IllegalArgumentException("not an editing key: " + key);
        }
    }

    public String text() {
        return text.toString();
    }

    public int cursor() {
        return cursor;
    }
}
