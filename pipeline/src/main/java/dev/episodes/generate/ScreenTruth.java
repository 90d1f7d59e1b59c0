package dev.episodes.generate;

import java.util.List;

/**
 * What a painted screenshot shows that must not reach a dataset, in image pixels: the boxes that hold
 * every pixel of a planted secret's glyphs (padded for antialiasing, clipped to where the text was
 * drawn), and the bounds of secure fields. Never the secret itself: only its kind.
 *
 * @param ref the context event's {@code screenshot_ref} (a file:// URI)
 * @param width image width; {@code screenW} times {@link #scale()} (HiDPI screens paint at 2x)
 * @param screenW the context event's {@code screen_w}
 */
public record ScreenTruth(String ref, String deviceId, long tsUs, int width, int height, int screenW, int screenH,
        List<Box> boxes) {

    public ScreenTruth {
        boxes = List.copyOf(boxes);
    }

    public int scale() {
        return width / screenW;
    }

    /** Where a secret is on screen; decides which masking rule is meant to cover it. */
    public enum Surface {
        /** Typed into a field of this window (planted secret; masked: rule b, typed redacted text). */
        FIELD_TEXT,
        /** The bounds of a secure field of this window (masked: rule a), bullets or shown plaintext inside. */
        SECURE_FIELD,
        /** In the accessible name of a field, drawn inside its bounds (masked: rule c while it is focused). */
        ELEMENT_NAME,
        /** In the title bar: no element bounds cover it, so no masking rule reaches it (a known gap). */
        TITLE,
        /** In the URL bar: as for the title. */
        URL
    }

    /**
     * @param kind the planted kind (EMAIL, PASSWORD, CREDIT_CARD, ..., DENIED); PASSWORD for a secure field
     * @param expectMasked whether the masking rules of DESIGN-15 (a) to (c) cover this box on this frame
     */
    public record Box(int x, int y, int w, int h, String kind, Surface surface, boolean expectMasked) {
        public boolean contains(int px, int py) {
            return px >= x && py >= y && px < x + w && py < y + h;
        }
    }
}
