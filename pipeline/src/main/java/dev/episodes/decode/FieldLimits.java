package dev.episodes.decode;

/**
 * The longest string values an event keeps, in UTF-8 bytes. A recorder bug (a 5 MB window title, a URL
 * with a pasted document in its query) must not reach every step and every shard: longer values are cut
 * at a code point boundary and counted. Ids are not cut (two ids cut to one prefix would merge people or
 * devices): an id longer than {@link #ID_BYTES} makes the record a dead letter.
 */
public final class FieldLimits {
    /** {@code event_id}, {@code user_id}, {@code device_id}: a UUID is 36 bytes. */
    public static final int ID_BYTES = 256;
    public static final int APP_BYTES = 1024;
    public static final int WINDOW_TITLE_BYTES = 4096;
    public static final int URL_BYTES = 8192;
    public static final int ELEMENT_ROLE_BYTES = 256;
    public static final int ELEMENT_NAME_BYTES = 4096;
    /** A longer reference is dropped, not cut: a cut URI names another object, or none. */
    public static final int SCREENSHOT_REF_BYTES = 2048;
    /** {@code key} and {@code code} of key events (W3C names are at most a few dozen bytes). */
    public static final int KEY_BYTES = 256;

    private FieldLimits() {}

    /** The limit of a top-level field, or 0 when it has none (values compared to the contract's names). */
    static int topLevel(String field) {
        return switch (field) {
            case "event_id", "user_id", "device_id" -> ID_BYTES;
            case "app" -> APP_BYTES;
            case "window_title" -> WINDOW_TITLE_BYTES;
            case "url" -> URL_BYTES;
            case "screenshot_ref" -> SCREENSHOT_REF_BYTES;
            case "key", "code" -> KEY_BYTES;
            default -> 0;
        };
    }

    /** The limit of a field of the focused {@code element}. */
    static int element(String field) {
        return switch (field) {
            case "role" -> ELEMENT_ROLE_BYTES;
            case "name" -> ELEMENT_NAME_BYTES;
            default -> 0;
        };
    }

    /** The UTF-8 length of {@code s}, counting no further than {@code stopAfter}. */
    static int utf8Length(String s, int stopAfter) {
        int bytes = 0;
        for (int i = 0; i < s.length() && bytes <= stopAfter; i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a pair: 2 + 2
        }
        return bytes;
    }

    /** The longest prefix of {@code s} of at most {@code maxBytes} UTF-8 bytes that ends at a code point. */
    static String truncate(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            int n = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += pair ? 2 : 1;
        }
        return s.substring(0, i);
    }
}
