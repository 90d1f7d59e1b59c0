package dev.episodes.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Serializable;
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
        } catch (JsonProcessingException e) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, e.getOriginalMessage(), line);
        } catch (IOException e) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, e.getMessage(), line);
        }
        return build(parsed, line);
    }

    /**
     * Decodes a record's UTF-8 bytes without making a String of them. Dead letters carry no raw text:
     * the caller attaches the record's bytes (see {@link RecordDecoder}).
     */
    DecodeResult decode(byte[] utf8) {
        Object parsed;
        try {
            parsed = JsonObjects.parse(utf8);
        } catch (JsonProcessingException e) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, e.getOriginalMessage(), "");
        } catch (IOException e) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, e.getMessage(), "");
        }
        return build(parsed, "");
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
