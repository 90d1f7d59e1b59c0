package dev.episodes.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes one JSON object of raw-events.md. Every way a record can be wrong is a {@link DeadLetter}
 * naming the reason and field; unknown extra fields are ignored. Stateless and thread-safe.
 */
public final class JsonEventDecoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TimeBounds bounds;

    public JsonEventDecoder(TimeBounds bounds) {
        this.bounds = bounds;
    }

    public DecodeResult decode(String line) {
        if (line == null || line.isBlank()) {
            return EventBuilder.reject(RejectReason.EMPTY_LINE, "blank input", line == null ? "" : line);
        }
        Object parsed;
        try {
            parsed = JsonObjects.parse(line);
        } catch (JsonObjects.TrailingData e) {
            return EventBuilder.reject(RejectReason.TRAILING_DATA, e.getMessage(), line);
        } catch (JsonProcessingException e) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, notJson(e), line);
        } catch (IOException e) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, JsonObjects.describe(e), line);
        }
        return build(parsed, line);
    }

    /**
     * Decodes a record's UTF-8 bytes without making a String of them. Dead letters carry no raw text:
     * the caller attaches the record's bytes (see {@link RecordDecoder}).
     */
    DecodeResult decode(byte[] utf8) {
        return decode(utf8, 0, utf8.length);
    }

    /**
     * Decodes one archive line (its bytes without the line end) exactly as written: strict UTF-8, one
     * object and nothing after it but whitespace. A line that starts with a byte order mark is refused:
     * only a file's first line may (the reader drops it there). Dead letters carry the line as text, or
     * as base64 when it is not UTF-8.
     */
    public DecodeResult decodeLine(byte[] line) {
        if (blank(line)) {
            return EventBuilder.reject(RejectReason.EMPTY_LINE, "blank line",
                    new String(line, StandardCharsets.UTF_8));
        }
        int bad = StrictUtf8.firstInvalid(line, 0, line.length);
        if (bad >= 0) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, notUtf8(line, bad) + " (raw: base64 of the line)",
                    java.util.Base64.getEncoder().encodeToString(line));
        }
        if (line.length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON,
                    "byte order mark inside the file (only its first line may start with one)",
                    new String(line, StandardCharsets.UTF_8));
        }
        DecodeResult r = parseAndBuild(line, 0, line.length);
        if (r instanceof DecodeResult.Rejected rej) { // the text is made only for the few lines rejected
            DeadLetter d = rej.deadLetter();
            return new DecodeResult.Rejected(DeadLetter.of(d.reason(), d.detail(),
                    new String(line, StandardCharsets.UTF_8), d.userId(), d.tsUs()));
        }
        return r;
    }

    private DecodeResult decode(byte[] utf8, int from, int to) {
        int bad = StrictUtf8.firstInvalid(utf8, from, to);
        if (bad >= 0) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, notUtf8(utf8, bad), "");
        }
        return parseAndBuild(utf8, from, to);
    }

    private DecodeResult parseAndBuild(byte[] utf8, int from, int to) {
        Object parsed;
        try {
            parsed = JsonObjects.parse(utf8, from, to);
        } catch (JsonObjects.TrailingData e) {
            return EventBuilder.reject(RejectReason.TRAILING_DATA, e.getMessage(), "");
        } catch (JsonProcessingException e) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, notJson(e), "");
        } catch (IOException e) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, JsonObjects.describe(e), "");
        }
        return build(parsed, "");
    }

    /** Not the byte itself: a detail never holds a piece of the input, only where it went wrong. */
    private static String notUtf8(byte[] b, int at) {
        return "not UTF-8: invalid byte at offset " + at;
    }

    /**
     * Jackson's messages quote the input ("Unrecognized token 'hunter2'"): a detail says only that the
     * JSON is broken and where (column of the line, which is its character offset plus one).
     */
    static String notJson(JsonProcessingException e) {
        if (e instanceof JsonObjects.DuplicateField) {
            return e.getOriginalMessage();
        }
        var at = e.getLocation();
        long column = at == null ? -1 : at.getColumnNr();
        return column > 0 ? "not valid JSON at column " + column : "not valid JSON";
    }

    private static boolean blank(byte[] line) {
        for (byte c : line) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    private DecodeResult build(Object parsed, String raw) {
        if (!(parsed instanceof Map<?, ?>)) {
            return EventBuilder.reject(RejectReason.NOT_AN_OBJECT, (String) parsed, raw);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parsed;
        return EventBuilder.build(new JsonFields(object), bounds, raw);
    }
}
