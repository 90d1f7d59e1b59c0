package dev.episodes.snapshot;

import static dev.episodes.snapshot.StateIO.readInt;
import static dev.episodes.snapshot.StateIO.readString;
import static dev.episodes.snapshot.StateIO.writeInt;
import static dev.episodes.snapshot.StateIO.writeString;

import dev.episodes.event.ConsentEvent;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Compact binary form of a {@link RawEvent}: a kind tag, the common fields, then the kind's own. */
public final class EventIO {
    // Pinned to the ordinals the layout was first written with: see WireCodes.
    private static final WireCodes<RawEvent.Kind> KINDS = WireCodes.pin(RawEvent.Kind.class,
            RawEvent.Kind.KEY, RawEvent.Kind.MOUSE, RawEvent.Kind.CONTEXT, RawEvent.Kind.CONSENT);
    private static final WireCodes<MouseEvent.Action> MOUSE_ACTIONS = WireCodes.pin(MouseEvent.Action.class,
            MouseEvent.Action.MOVE, MouseEvent.Action.DOWN, MouseEvent.Action.UP, MouseEvent.Action.WHEEL);
    public static final WireCodes<MouseEvent.Button> BUTTONS = WireCodes.pin(MouseEvent.Button.class,
            MouseEvent.Button.LEFT, MouseEvent.Button.RIGHT, MouseEvent.Button.MIDDLE);

    private EventIO() {}

    public static void write(DataOutput out, RawEvent e) throws IOException {
        out.writeByte(KINDS.code(e.kind()));
        writeString(out, e.eventId());
        writeString(out, e.userId());
        writeString(out, e.deviceId());
        out.writeLong(e.tsUs());
        out.writeLong(e.seq());
        if (e instanceof KeyEvent k) {
            out.writeBoolean(k.down());
            writeString(out, k.key());
            writeString(out, k.code());
            out.writeByte(k.modifiers());
        } else if (e instanceof MouseEvent m) {
            out.writeByte(MOUSE_ACTIONS.code(m.action()));
            out.writeInt(m.x());
            out.writeInt(m.y());
            out.writeByte(BUTTONS.codeOrNone(m.button()));
            out.writeInt(m.dx());
            out.writeInt(m.dy());
        } else if (e instanceof ContextEvent c) {
            writeString(out, c.app());
            writeString(out, c.windowTitle());
            writeString(out, c.url());
            Element el = c.element();
            out.writeBoolean(el != null);
            if (el != null) {
                writeString(out, el.role());
                writeString(out, el.name());
                out.writeBoolean(el.secure());
                writeInt(out, el.x());
                writeInt(out, el.y());
                writeInt(out, el.w());
                writeInt(out, el.h());
            }
            writeString(out, c.screenshotRef());
            writeInt(out, c.screenW());
            writeInt(out, c.screenH());
        } else if (e instanceof ConsentEvent c) {
            out.writeBoolean(c.granted());
            out.writeLong(c.untilTsUs()); // layout 2: the pause end (NO_END when none)
        }
    }

    /** Reads the current layout (2). */
    public static RawEvent read(DataInput in) throws IOException {
        return read(in, 2);
    }

    /** Reads layout {@code version}: 1 has no pause end on consent events (they read as having none). */
    public static RawEvent read(DataInput in, int version) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException("no raw event layout version " + version);
        }
        RawEvent.Kind kind = KINDS.of(in.readByte());
        String id = readString(in);
        String user = readString(in);
        String device = readString(in);
        long ts = in.readLong();
        long seq = in.readLong();
        return switch (kind) {
            case KEY -> new KeyEvent(id, user, device, ts, seq, in.readBoolean(), readString(in), readString(in),
                    in.readByte());
            case MOUSE -> {
                MouseEvent.Action action = MOUSE_ACTIONS.of(in.readByte());
                int x = in.readInt();
                int y = in.readInt();
                MouseEvent.Button b = BUTTONS.ofOrNone(in.readByte());
                yield new MouseEvent(id, user, device, ts, seq, action, x, y, b,
                        in.readInt(), in.readInt());
            }
            case CONTEXT -> {
                String app = readString(in);
                String title = readString(in);
                String url = readString(in);
                Element el = in.readBoolean()
                        ? new Element(readString(in), readString(in), in.readBoolean(), readInt(in), readInt(in),
                                readInt(in), readInt(in))
                        : null;
                yield new ContextEvent(id, user, device, ts, seq, app, title, url, el, readString(in), readInt(in),
                        readInt(in));
            }
            case CONSENT -> {
                boolean granted = in.readBoolean();
                yield new ConsentEvent(id, user, device, ts, seq, granted,
                        version >= 2 ? in.readLong() : ConsentEvent.NO_END);
            }
        };
    }
}
