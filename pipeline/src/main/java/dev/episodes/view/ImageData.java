package dev.episodes.view;

import java.util.Base64;

/**
 * A frame's stored bytes as a {@code data:} URI, by what the bytes are (their signature), never by what a
 * row claims: only PNG and JPEG are embedded, so no other type (SVG with scripts, HTML) reaches the page.
 */
final class ImageData {
    private ImageData() {}

    /** {@code data:image/png;base64,...}, or null when the bytes are neither PNG nor JPEG. */
    static String uri(byte[] bytes) {
        String type = type(bytes);
        return type == null ? null : "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    static String type(byte[] b) {
        if (b == null || b.length < 4) {
            return null;
        }
        if ((b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        return null;
    }
}
