package dev.episodes.decode;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.archive.ArchiveLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Lines for attacks on {@link ArchiveLineDecoder}'s file-name check, and the oracle: a decoder that remembers nothing. */
final class NameCheckLines {
    static final TimeBounds BOUNDS = TimeBounds.aheadOf(Instant.parse("2026-11-29T00:00:00Z"), Duration.ofDays(1));
    static final JsonEventDecoder JSON = new JsonEventDecoder(BOUNDS);

    private NameCheckLines() {}

    /** A JSON string literal of {@code s}, every char below 0x20 (and quote, backslash) escaped. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static byte[] key(String user, String device) {
        return ("{\"kind\":\"key\",\"event_id\":\"e1\",\"user_id\":" + quoted(user) + ",\"device_id\":" + quoted(device)
                + ",\"ts_us\":1764403200000000,\"seq\":4,\"action\":\"down\",\"key\":\"H\",\"code\":\"KeyH\","
                + "\"modifiers\":[\"shift\"]}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] consent(String user) {
        return ("{\"kind\":\"consent\",\"event_id\":\"9c0d\",\"user_id\":" + quoted(user)
                + ",\"device_id\":\"\",\"ts_us\":1764403300000000,\"seq\":0,\"status\":\"revoked\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What a decoder that remembers nothing does: true when it refuses the line (ArchiveInputError). */
    static boolean refusedAlone(List<String> names, ArchiveLine line) {
        try {
            new ArchiveLineDecoder(JSON, names).decode(line);
            return false;
        } catch (ArchiveInputError e) {
            return true;
        }
    }
}
