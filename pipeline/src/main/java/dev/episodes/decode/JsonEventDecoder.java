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
        if (!(parsed instanceof Map<?, ?>)) {
            return EventBuilder.reject(RejectReason.NOT_AN_OBJECT, (String) parsed, line);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parsed;
        return EventBuilder.build(new JsonFields(object), bounds, line);
    }
}
