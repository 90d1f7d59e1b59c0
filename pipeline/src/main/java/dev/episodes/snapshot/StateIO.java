package dev.episodes.snapshot;

import dev.episodes.pairing.UiContext;
import dev.episodes.redaction.Redaction;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the pieces per-device state is made of (nullable strings and ints, string lists,
 * contexts) on plain {@link DataOutput}, so domain classes can persist themselves without Flink types.
 */
public final class StateIO {
    // Pinned to the ordinals the layout was first written with: see WireCodes.
    private static final WireCodes<Action> ACTIONS = WireCodes.pin(Action.class, Action.CLICK, Action.DOUBLE_CLICK,
            Action.TRIPLE_CLICK, Action.RIGHT_CLICK, Action.MIDDLE_CLICK, Action.DRAG, Action.SCROLL, Action.TYPE,
            Action.KEY, Action.HOTKEY);

    private StateIO() {}

    public static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static void writeInt(DataOutput out, Integer v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeInt(v);
        }
    }

    public static Integer readInt(DataInput in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    public static void writeStrings(DataOutput out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            writeString(out, s);
        }
    }

    public static List<String> readStrings(DataInput in) throws IOException {
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readString(in));
        }
        return list;
    }

    public static void writeContext(DataOutput out, UiContext c) throws IOException {
        writeString(out, c.app());
        writeString(out, c.windowTitle());
        writeString(out, c.url());
        writeString(out, c.elementRole());
        writeString(out, c.elementName());
        writeString(out, c.screenshotRef());
        writeInt(out, c.screenW());
        writeInt(out, c.screenH());
        out.writeBoolean(c.secure());
        writeInt(out, c.elementX());
        writeInt(out, c.elementY());
        writeInt(out, c.elementW());
        writeInt(out, c.elementH());
    }

    public static UiContext readContext(DataInput in) throws IOException {
        return new UiContext(readString(in), readString(in), readString(in), readString(in),
                readString(in), readString(in), readInt(in), readInt(in), in.readBoolean(),
                readInt(in), readInt(in), readInt(in), readInt(in));
    }

    public static void writeStep(DataOutput out, Step s) throws IOException {
        out.writeByte(ACTIONS.code(s.action()));
        out.writeLong(s.tsUs());
        out.writeLong(s.endTsUs());
        writeInt(out, s.x());
        writeInt(out, s.y());
        writeInt(out, s.toX());
        writeInt(out, s.toY());
        writeInt(out, s.scrollDx());
        writeInt(out, s.scrollDy());
        writeString(out, s.text());
        writeString(out, s.keys());
        writeContext(out, s.context());
        out.writeInt(s.redactions().size());
        for (Redaction r : s.redactions()) {
            writeString(out, r.field());
            writeString(out, r.kind());
            writeString(out, r.rule());
        }
        writeStrings(out, s.eventIds());
        out.writeLong(s.gapBeforeUs());
    }

    public static Step readStep(DataInput in) throws IOException {
        return new Step(ACTIONS.of(in.readByte()), in.readLong(), in.readLong(), readInt(in), readInt(in), readInt(in),
                readInt(in), readInt(in), readInt(in), readString(in), readString(in), readContext(in),
                readRedactions(in), readStrings(in), in.readLong());
    }

    private static List<Redaction> readRedactions(DataInput in) throws IOException {
        int n = in.readInt();
        List<Redaction> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Redaction(readString(in), readString(in), readString(in)));
        }
        return list;
    }
}
