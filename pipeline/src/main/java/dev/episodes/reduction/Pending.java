package dev.episodes.reduction;

import dev.episodes.event.MouseEvent;
import dev.episodes.pairing.UiContext;
import dev.episodes.snapshot.EventIO;
import dev.episodes.snapshot.StateIO;
import dev.episodes.snapshot.WireCodes;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A step still being built: clicks that may become a double click, a scroll that may continue, typing
 * into an element, or a mouse button held down. Mutable, owned by one {@link ActionReducer}.
 */
final class Pending {
    enum Kind { PRESS, CLICKS, SCROLL, TYPING }

    // Written as pinned codes, not ordinals (see WireCodes): the codes are the ordinals this state was
    // first written with, so state written before the codes were pinned reads unchanged.
    private static final WireCodes<Kind> KINDS = WireCodes.pin(Kind.class, Kind.PRESS, Kind.CLICKS, Kind.SCROLL,
            Kind.TYPING);

    final Kind kind;
    final long tsUs;
    final UiContext context;
    final long gapBeforeUs;
    final List<String> eventIds;
    final MouseEvent.Button button;
    final int x;
    final int y;
    long endTsUs;
    long lastPressTsUs;
    int clicks;
    int dx;
    int dy;
    boolean secure;
    boolean continuation;
    TextBuffer text;

    Pending(Kind kind, long tsUs, UiContext context, long gapBeforeUs, MouseEvent.Button button, int x, int y) {
        this(kind, tsUs, context, gapBeforeUs, new ArrayList<>(4), button, x, y);
    }

    private Pending(Kind kind, long tsUs, UiContext context, long gapBeforeUs, List<String> eventIds,
            MouseEvent.Button button, int x, int y) {
        this.kind = kind;
        this.tsUs = tsUs;
        this.endTsUs = tsUs;
        this.lastPressTsUs = tsUs;
        this.context = context;
        this.gapBeforeUs = gapBeforeUs;
        this.eventIds = eventIds;
        this.button = button;
        this.x = x;
        this.y = y;
    }

    void add(String eventId, long tsUs) {
        eventIds.add(eventId);
        endTsUs = Math.max(endTsUs, tsUs);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeByte(KINDS.code(kind));
        out.writeLong(tsUs);
        StateIO.writeContext(out, context);
        out.writeLong(gapBeforeUs);
        StateIO.writeStrings(out, eventIds);
        out.writeByte(EventIO.BUTTONS.codeOrNone(button));
        out.writeInt(x);
        out.writeInt(y);
        out.writeLong(endTsUs);
        out.writeLong(lastPressTsUs);
        out.writeInt(clicks);
        out.writeInt(dx);
        out.writeInt(dy);
        out.writeBoolean(secure);
        out.writeBoolean(continuation);
        out.writeBoolean(text != null);
        if (text != null) {
            StateIO.writeString(out, text.text());
            out.writeInt(text.cursor());
        }
    }

    static Pending readFrom(DataInput in) throws IOException {
        Kind kind = KINDS.of(in.readByte());
        long ts = in.readLong();
        UiContext context = StateIO.readContext(in);
        long gap = in.readLong();
        List<String> ids = StateIO.readStrings(in);
        MouseEvent.Button b = EventIO.BUTTONS.ofOrNone(in.readByte());
        Pending p = new Pending(kind, ts, context, gap, ids, b,
                in.readInt(), in.readInt());
        p.endTsUs = in.readLong();
        p.lastPressTsUs = in.readLong();
        p.clicks = in.readInt();
        p.dx = in.readInt();
        p.dy = in.readInt();
        p.secure = in.readBoolean();
        p.continuation = in.readBoolean();
        if (in.readBoolean()) {
            p.text = new TextBuffer(StateIO.readString(in), in.readInt());
        }
        return p;
    }
}
