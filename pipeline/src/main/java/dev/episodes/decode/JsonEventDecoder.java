package dev.episodes.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
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
            return reject(RejectReason.EMPTY_LINE, "blank input", line == null ? "" : line);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return reject(RejectReason.MALFORMED_JSON, e.getOriginalMessage(), line);
        }
        if (node == null || !node.isObject()) {
            return reject(RejectReason.NOT_AN_OBJECT, node == null ? "empty" : node.getNodeType().name(), line);
        }
        try {
            RawEvent event = decodeObject(node);
            long ts = event.tsUs();
            if (ts < bounds.minTsUs()) {
                return reject(RejectReason.TS_BEFORE_2000, "ts_us=" + ts, line);
            }
            if (ts > bounds.maxTsUs()) {
                return reject(RejectReason.TS_IN_FUTURE, "ts_us=" + ts, line);
            }
            return new DecodeResult.Decoded(event);
        } catch (FieldError e) {
            return reject(e.reason, e.getMessage(), line);
        }
    }

    private static DecodeResult reject(RejectReason reason, String detail, String raw) {
        return new DecodeResult.Rejected(DeadLetter.of(reason, detail, raw));
    }

    private static RawEvent decodeObject(JsonNode o) {
        String kind = text(o, "kind");
        String eventId = nonEmpty(o, "event_id");
        String userId = nonEmpty(o, "user_id");
        long ts = integral(o, "ts_us");
        return switch (kind) {
            case "key" -> new KeyEvent(eventId, userId, nonEmpty(o, "device_id"), ts, seq(o),
                    downOrUp(o), nonEmpty(o, "key"), text(o, "code"), modifiers(o));
            case "mouse" -> mouse(o, eventId, userId, ts);
            case "context" -> context(o, eventId, userId, ts);
            case "consent" -> new ConsentEvent(eventId, userId, optionalText(o, "device_id", ""), ts,
                    o.has("seq") ? seq(o) : 0L, consentStatus(o));
            default -> throw new FieldError(RejectReason.UNKNOWN_KIND, "kind=" + kind);
        };
    }

    private static MouseEvent mouse(JsonNode o, String eventId, String userId, long ts) {
        String deviceId = nonEmpty(o, "device_id");
        long seq = seq(o);
        MouseEvent.Action action = switch (text(o, "action")) {
            case "move" -> MouseEvent.Action.MOVE;
            case "down" -> MouseEvent.Action.DOWN;
            case "up" -> MouseEvent.Action.UP;
            case "wheel" -> MouseEvent.Action.WHEEL;
            default -> throw new FieldError(RejectReason.INVALID_VALUE, "action");
        };
        int x = int32(o, "x");
        int y = int32(o, "y");
        MouseEvent.Button button = null;
        int dx = 0;
        int dy = 0;
        if (action == MouseEvent.Action.DOWN || action == MouseEvent.Action.UP) {
            button = switch (text(o, "button")) {
                case "left" -> MouseEvent.Button.LEFT;
                case "right" -> MouseEvent.Button.RIGHT;
                case "middle" -> MouseEvent.Button.MIDDLE;
                default -> throw new FieldError(RejectReason.INVALID_VALUE, "button");
            };
        } else if (action == MouseEvent.Action.WHEEL) {
            dx = int32(o, "dx");
            dy = int32(o, "dy");
        }
        return new MouseEvent(eventId, userId, deviceId, ts, seq, action, x, y, button, dx, dy);
    }

    private static ContextEvent context(JsonNode o, String eventId, String userId, long ts) {
        String deviceId = nonEmpty(o, "device_id");
        long seq = seq(o);
        Element element = null;
        JsonNode e = o.get("element");
        if (e != null && !e.isNull()) {
            if (!e.isObject()) {
                throw new FieldError(RejectReason.WRONG_TYPE, "element");
            }
            // Fail closed: an element whose secure flag is missing or mistyped is treated as secure,
            // so a recorder bug cannot turn a password field into plain text.
            JsonNode secure = e.get("secure");
            boolean isSecure = secure == null || !secure.isBoolean() || secure.booleanValue();
            element = new Element(optionalText(e, "role", null), optionalText(e, "name", null), isSecure,
                    optionalInt(e, "x"), optionalInt(e, "y"), optionalInt(e, "w"), optionalInt(e, "h"));
        }
        Integer w = optionalInt(o, "screen_w");
        Integer h = optionalInt(o, "screen_h");
        if ((w != null && w <= 0) || (h != null && h <= 0)) {
            throw new FieldError(RejectReason.INVALID_VALUE, "screen size");
        }
        return new ContextEvent(eventId, userId, deviceId, ts, seq, text(o, "app"), text(o, "window_title"),
                optionalText(o, "url", null), element, optionalText(o, "screenshot_ref", null), w, h);
    }

    private static boolean downOrUp(JsonNode o) {
        return switch (text(o, "action")) {
            case "down" -> true;
            case "up" -> false;
            default -> throw new FieldError(RejectReason.INVALID_VALUE, "action");
        };
    }

    private static boolean consentStatus(JsonNode o) {
        return switch (text(o, "status")) {
            case "granted" -> true;
            case "revoked" -> false;
            default -> throw new FieldError(RejectReason.INVALID_VALUE, "status");
        };
    }

    private static int modifiers(JsonNode o) {
        JsonNode m = o.get("modifiers");
        if (m == null || m.isNull()) {
            throw new FieldError(RejectReason.MISSING_FIELD, "modifiers");
        }
        if (!m.isArray()) {
            throw new FieldError(RejectReason.WRONG_TYPE, "modifiers");
        }
        int bits = 0;
        for (JsonNode item : m) {
            if (!item.isTextual()) {
                throw new FieldError(RejectReason.WRONG_TYPE, "modifiers");
            }
            int bit = Modifiers.bitOf(item.textValue());
            if (bit > 0) { // names a newer recorder may add (fn, altgraph) are not part of the action space
                bits |= bit;
            }
        }
        return bits;
    }

    private static long seq(JsonNode o) {
        long seq = integral(o, "seq");
        if (seq < 0) {
            throw new FieldError(RejectReason.INVALID_VALUE, "seq");
        }
        return seq;
    }

    private static JsonNode required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new FieldError(RejectReason.MISSING_FIELD, field);
        }
        return v;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = required(o, field);
        if (!v.isTextual()) {
            throw new FieldError(RejectReason.WRONG_TYPE, field);
        }
        return v.textValue();
    }

    private static String nonEmpty(JsonNode o, String field) {
        String s = text(o, field);
        if (s.isEmpty()) {
            throw new FieldError(RejectReason.INVALID_VALUE, field);
        }
        return s;
    }

    private static String optionalText(JsonNode o, String field, String fallback) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new FieldError(RejectReason.WRONG_TYPE, field);
        }
        return v.textValue();
    }

    private static long integral(JsonNode o, String field) {
        JsonNode v = required(o, field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new FieldError(RejectReason.WRONG_TYPE, field);
        }
        return v.longValue();
    }

    private static int int32(JsonNode o, String field) {
        JsonNode v = required(o, field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new FieldError(RejectReason.WRONG_TYPE, field);
        }
        return v.intValue();
    }

    private static Integer optionalInt(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new FieldError(RejectReason.WRONG_TYPE, field);
        }
        return v.intValue();
    }

    /** Control flow inside this decoder only; never escapes {@link #decode}. */
    private static final class FieldError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final RejectReason reason;

        FieldError(RejectReason reason, String field) {
            super(field, null, false, false);
            this.reason = reason;
        }
    }
}
