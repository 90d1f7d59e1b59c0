package dev.episodes.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Serializable;

/**
 * Decodes one JSON object of raw-events.md. Every way a record can be wrong is a {@link DeadLetter}
 * naming the reason and field; unknown extra fields are ignored. Stateless and thread-safe.
 */
public final class JsonEventDecoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final TimeBounds bounds;

    public JsonEventDecoder(TimeBounds bounds) {
        this.bounds = bounds;
    }

    public DecodeResult decode(String line) {
        if (line == null || line.isBlank()) {
            return EventBuilder.reject(RejectReason.EMPTY_LINE, "blank input", line == null ? "" : line);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return EventBuilder.reject(RejectReason.MALFORMED_JSON, e.getOriginalMessage(), line);
        }
        if (node == null || !node.isObject()) {
            return EventBuilder.reject(RejectReason.NOT_AN_OBJECT, node == null ? "empty" : node.getNodeType().name(),
                    line);
        }
        return EventBuilder.build(new JsonFields(node), bounds, line);
    }
}
