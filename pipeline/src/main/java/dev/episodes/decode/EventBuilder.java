package dev.episodes.decode;

import dev.episodes.event.ConsentEvent;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.util.List;

/** The contract's rules (raw-events.md), applied to the fields of a record of any encoding. */
final class EventBuilder {
    private EventBuilder() {}

    static DecodeResult build(Fields fields, TimeBounds bounds, String raw) {
        try {
            CappedFields o = new CappedFields(fields);
            RawEvent event = event(o);
            long ts = event.tsUs();
            if (ts < bounds.minTsUs()) {
                return new DecodeResult.Rejected(DeadLetter.of(RejectReason.TS_BEFORE_2000, "ts_us before 2000-01-01", raw,
                        event.userId(), ts));
            }
            if (ts > bounds.maxTsUs()) {
                return new DecodeResult.Rejected(DeadLetter.of(RejectReason.TS_IN_FUTURE, "ts_us further ahead than the clock allows", raw,
                        event.userId(), ts));
            }
            return new DecodeResult.Decoded(event, o.truncated());
        } catch (FieldError e) {
            return new DecodeResult.Rejected(DeadLetter.of(e.reason, e.getMessage(), raw, person(fields), time(fields)));
        }
    }

    /** The record's person when its {@code user_id} reads as text (so consent covers the dead letter), else null. */
    private static String person(Fields fields) {
        try {
            String u = fields.text("user_id");
            return u == null || u.isEmpty() ? null : u;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long time(Fields fields) {
        try {
            Long ts = fields.integral("ts_us");
            return ts == null ? 0L : ts;
        } catch (RuntimeException e) {
            return 0L;
        }
    }

    static DecodeResult reject(RejectReason reason, String detail, String raw) {
        return new DecodeResult.Rejected(DeadLetter.of(reason, detail, raw));
    }

    private static RawEvent event(Fields o) {
        String kind = required(o.text("kind"), "kind");
        String eventId = nonEmpty(o, "event_id");
        String userId = nonEmpty(o, "user_id");
        long ts = required(o.integral("ts_us"), "ts_us");
        return switch (kind) {
            case "key" -> new KeyEvent(eventId, userId, nonEmpty(o, "device_id"), ts, seq(o), downOrUp(o),
                    nonEmpty(o, "key"), required(o.text("code"), "code"), modifiers(o));
            case "mouse" -> mouse(o, eventId, userId, ts);
            case "context" -> context(o, eventId, userId, ts);
            case "consent" -> new ConsentEvent(eventId, userId, orElse(o.text("device_id"), ""), ts,
                    orElse(o.integral("seq"), 0L), consentStatus(o), pauseEnd(o, ts));
            default -> throw new FieldError(RejectReason.UNKNOWN_KIND, "kind"); // the value itself is input: never quoted
        };
    }

    private static MouseEvent mouse(Fields o, String eventId, String userId, long ts) {
        String deviceId = nonEmpty(o, "device_id");
        long seq = seq(o);
        MouseEvent.Action action = switch (required(o.text("action"), "action")) {
            case "move" -> MouseEvent.Action.MOVE;
            case "down" -> MouseEvent.Action.DOWN;
            case "up" -> MouseEvent.Action.UP;
            case "wheel" -> MouseEvent.Action.WHEEL;
            default -> throw new FieldError(RejectReason.INVALID_VALUE, "action");
        };
        int x = required(o.int32("x"), "x");
        int y = required(o.int32("y"), "y");
        MouseEvent.Button button = null;
        int dx = 0;
        int dy = 0;
        if (action == MouseEvent.Action.DOWN || action == MouseEvent.Action.UP) {
            button = switch (required(o.text("button"), "button")) {
                case "left" -> MouseEvent.Button.LEFT;
                case "right" -> MouseEvent.Button.RIGHT;
                case "middle" -> MouseEvent.Button.MIDDLE;
                default -> throw new FieldError(RejectReason.INVALID_VALUE, "button");
            };
        } else if (action == MouseEvent.Action.WHEEL) {
            dx = required(o.int32("dx"), "dx");
            dy = required(o.int32("dy"), "dy");
        }
        return new MouseEvent(eventId, userId, deviceId, ts, seq, action, x, y, button, dx, dy);
    }

    private static ContextEvent context(Fields o, String eventId, String userId, long ts) {
        String deviceId = nonEmpty(o, "device_id");
        long seq = seq(o);
        Element element = null;
        Fields e = o.object("element");
        if (e != null) {
            // Fail closed: an element whose secure flag is missing or mistyped is treated as secure,
            // so a recorder bug cannot turn a password field into plain text.
            Boolean secure = e.bool("secure");
            element = new Element(e.text("role"), e.text("name"), secure == null || secure,
                    e.int32("x"), e.int32("y"), e.int32("w"), e.int32("h"));
        }
        Integer w = o.int32("screen_w");
        Integer h = o.int32("screen_h");
        if ((w != null && w <= 0) || (h != null && h <= 0)) {
            throw new FieldError(RejectReason.INVALID_VALUE, "screen size");
        }
        return new ContextEvent(eventId, userId, deviceId, ts, seq, required(o.text("app"), "app"),
                required(o.text("window_title"), "window_title"), o.text("url"), element, o.text("screenshot_ref"),
                w, h);
    }

    private static boolean downOrUp(Fields o) {
        return switch (required(o.text("action"), "action")) {
            case "down" -> true;
            case "up" -> false;
            default -> throw new FieldError(RejectReason.INVALID_VALUE, "action");
        };
    }

    private static boolean consentStatus(Fields o) {
        return switch (required(o.text("status"), "status")) {
            case "granted" -> true;
            case "revoked" -> false;
            default -> throw new FieldError(RejectReason.INVALID_VALUE, "status");
        };
    }

    /**
     * A revoke's {@code until_ts_us}. Fails closed: a mistyped end, or one not after the revoke, makes a
     * revoke with no end (withholding more than asked is a nuisance; admitting what was revoked is a leak).
     */
    private static long pauseEnd(Fields o, long ts) {
        Long until;
        try {
            until = o.integral("until_ts_us");
        } catch (FieldError e) {
            return ConsentEvent.NO_END;
        }
        return until == null || until <= ts ? ConsentEvent.NO_END : until;
    }

    private static int modifiers(Fields o) {
        List<String> names = required(o.strings("modifiers"), "modifiers");
        int bits = 0;
        for (String name : names) {
            int bit = Modifiers.bitOf(name);
            if (bit > 0) { // names a newer recorder may add (fn, altgraph) are not part of the action space
                bits |= bit;
            }
        }
        return bits;
    }

    private static long seq(Fields o) {
        long seq = required(o.integral("seq"), "seq");
        if (seq < 0) {
            throw new FieldError(RejectReason.INVALID_VALUE, "seq");
        }
        return seq;
    }

    private static String nonEmpty(Fields o, String field) {
        String s = required(o.text(field), field);
        if (s.isEmpty()) {
            throw new FieldError(RejectReason.INVALID_VALUE, field);
        }
        return s;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new FieldError(RejectReason.MISSING_FIELD, field);
        }
        return value;
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
