package dev.episodes.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.util.Locale;

/**
 * Writes an event back as its contract JSON line: the generator's output, and the {@code raw} of a
 * dead letter raised after decoding (a late event). {@link JsonEventDecoder} reads it back unchanged.
 */
public final class JsonEventEncoder {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private JsonEventEncoder() {}

    public static String encode(RawEvent event) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kind", event.kind().wire());
        o.put("event_id", event.eventId());
        o.put("user_id", event.userId());
        o.put("device_id", event.deviceId());
        o.put("ts_us", event.tsUs());
        o.put("seq", event.seq());
        if (event instanceof KeyEvent k) {
            o.put("action", k.down() ? "down" : "up");
            o.put("key", k.key());
            o.put("code", k.code());
            ArrayNode mods = o.putArray("modifiers");
            Modifiers.names(k.modifiers()).forEach(mods::add);
        } else if (event instanceof MouseEvent m) {
            o.put("action", m.action().name().toLowerCase(Locale.ROOT));
            o.put("x", m.x());
            o.put("y", m.y());
            if (m.button() == null) {
                o.putNull("button");
            } else {
                o.put("button", m.button().name().toLowerCase(Locale.ROOT));
            }
            if (m.action() == MouseEvent.Action.WHEEL) {
                o.put("dx", m.dx());
                o.put("dy", m.dy());
            } else {
                o.putNull("dx");
                o.putNull("dy");
            }
        } else if (event instanceof ContextEvent c) {
            o.put("app", c.app());
            o.put("window_title", c.windowTitle());
            o.put("url", c.url());
            Element e = c.element();
            if (e == null) {
                o.putNull("element");
            } else {
                ObjectNode el = o.putObject("element");
                el.put("role", e.role());
                el.put("name", e.name());
                el.put("secure", e.secure());
                el.put("x", e.x());
                el.put("y", e.y());
                el.put("w", e.w());
                el.put("h", e.h());
            }
            o.put("screenshot_ref", c.screenshotRef());
            o.put("screen_w", c.screenW());
            o.put("screen_h", c.screenH());
        } else if (event instanceof ConsentEvent c) {
            o.put("status", c.granted() ? "granted" : "revoked");
            if (c.isPause()) {
                o.put("until_ts_us", c.untilTsUs());
            }
        }
        return o.toString();
    }
}
