package dev.episodes.flink.serialization;

import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.RejectReason;
import dev.episodes.snapshot.StateIO;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

public final class DeadLetterCodec implements Codec<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final RejectReason[] REASONS = RejectReason.values();

    @Override
    public Class<DeadLetter> type() {
        return DeadLetter.class;
    }

    /** Set on the reason byte when a source follows: state written before sources existed still reads. */
    private static final int HAS_SOURCE = 0x80;
    private static final int FILE_LINE = 1;
    private static final int TOPIC_RECORD = 2;

    @Override
    public void write(DeadLetter value, DataOutputView out) throws IOException {
        out.writeByte(value.reason().ordinal() | (value.source() == null ? 0 : HAS_SOURCE));
        StateIO.writeString(out, value.detail());
        StateIO.writeString(out, value.raw());
        StateIO.writeString(out, value.userId());
        out.writeLong(value.tsUs());
        if (value.source() instanceof DeadLetter.FileLine f) {
            out.writeByte(FILE_LINE);
            StateIO.writeString(out, f.file());
            out.writeLong(f.line());
        } else if (value.source() instanceof DeadLetter.TopicRecord t) {
            out.writeByte(TOPIC_RECORD);
            StateIO.writeString(out, t.topic());
            out.writeInt(t.partition());
            out.writeLong(t.offset());
        }
    }

    @Override
    public DeadLetter read(DataInputView in) throws IOException {
        int first = in.readByte() & 0xFF;
        DeadLetter dl = new DeadLetter(REASONS[first & ~HAS_SOURCE], StateIO.readString(in), StateIO.readString(in),
                StateIO.readString(in), in.readLong());
        if ((first & HAS_SOURCE) == 0) {
            return dl;
        }
        return switch (in.readByte()) {
            case FILE_LINE -> dl.from(new DeadLetter.FileLine(StateIO.readString(in), in.readLong()));
            case TOPIC_RECORD -> dl.from(new DeadLetter.TopicRecord(StateIO.readString(in), in.readInt(), in.readLong()));
            default -> throw new IOException("unknown dead-letter source tag");
        };
    }
}
