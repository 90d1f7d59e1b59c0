package dev.episodes.decode;

import dev.episodes.event.ConsentEvent;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/** Writes an event in Avro single-object encoding with this project's schemas, as a recorder would. */
public final class AvroEventEncoder {
    private AvroEventEncoder() {}

    public static byte[] encode(RawEvent event) {
        try {
            ByteBuffer buf;
            if (event instanceof KeyEvent k) {
                buf = dev.episodes.schema.raw.KeyEvent.newBuilder()
                        .setEventId(k.eventId()).setUserId(k.userId()).setDeviceId(k.deviceId())
                        .setTsUs(k.tsUs()).setSeq(k.seq()).setAction(k.down() ? "down" : "up").setKey(k.key())
                        .setCode(k.code()).setModifiers(Modifiers.names(k.modifiers())).build().toByteBuffer();
            } else if (event instanceof MouseEvent m) {
                boolean wheel = m.action() == MouseEvent.Action.WHEEL;
                buf = dev.episodes.schema.raw.MouseEvent.newBuilder()
                        .setEventId(m.eventId()).setUserId(m.userId()).setDeviceId(m.deviceId())
                        .setTsUs(m.tsUs()).setSeq(m.seq()).setAction(m.action().name().toLowerCase(Locale.ROOT))
                        .setX(m.x()).setY(m.y())
                        .setButton(m.button() == null ? null : m.button().name().toLowerCase(Locale.ROOT))
                        .setDx(wheel ? m.dx() : null).setDy(wheel ? m.dy() : null).build().toByteBuffer();
            } else if (event instanceof ContextEvent c) {
                Element e = c.element();
                buf = dev.episodes.schema.raw.ContextEvent.newBuilder()
                        .setEventId(c.eventId()).setUserId(c.userId()).setDeviceId(c.deviceId())
                        .setTsUs(c.tsUs()).setSeq(c.seq()).setApp(c.app()).setWindowTitle(c.windowTitle())
                        .setUrl(c.url())
                        .setElement(e == null ? null : new dev.episodes.schema.raw.Element(e.role(), e.name(),
                                e.secure(), e.x(), e.y(), e.w(), e.h()))
                        .setScreenshotRef(c.screenshotRef()).setScreenW(c.screenW()).setScreenH(c.screenH())
                        .build().toByteBuffer();
            } else {
                ConsentEvent c = (ConsentEvent) event;
                buf = dev.episodes.schema.raw.ConsentEvent.newBuilder()
                        .setEventId(c.eventId()).setUserId(c.userId()).setDeviceId(c.deviceId())
                        .setTsUs(c.tsUs()).setSeq(c.seq()).setStatus(c.granted() ? "granted" : "revoked")
                        .setUntilTsUs(c.isPause() ? c.untilTsUs() : null)
                        .build().toByteBuffer();
            }
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
