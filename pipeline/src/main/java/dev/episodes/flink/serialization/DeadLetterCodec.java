package dev.episodes.flink.serialization;

import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.RejectReason;
import dev.episodes.snapshot.StateIO;
import dev.episodes.snapshot.WireCodes;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

public final class DeadLetterCodec implements Codec<DeadLetter> {
    private static final long serialVersionUID = 1L;
    // Pinned to the ordinals the layout was first written with: see WireCodes. Codes stay below HAS_SOURCE.
    private static final WireCodes<RejectReason> REASONS = WireCodes.pin(RejectReason.class,
            RejectReason.EMPTY_LINE, RejectReason.MALFORMED_JSON, RejectReason.MALFORMED_AVRO,
            RejectReason.UNKNOWN_SCHEMA, RejectReason.UNKNOWN_ENCODING, RejectReason.WRONG_TOPIC,
            RejectReason.NOT_AN_OBJECT, RejectReason.MISSING_FIELD, RejectReason.WRONG_TYPE, RejectReason.UNKNOWN_KIND,
            RejectReason.INVALID_VALUE, RejectReason.TS_BEFORE_2000, RejectReason.TS_IN_FUTURE, RejectReason.LATE,
            RejectReason.TRAILING_DATA, RejectReason.CORRUPT_ARCHIVE, RejectReason.LINE_TOO_LONG);

    @Override
    public int version() {
        return 1;
    }

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
        out.writeByte(REASONS.code(value.reason()) | (value.source() == null ? 0 : HAS_SOURCE));
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

    /** Dead letters waiting for consent in savepoints from before versions were written in this layout. */
    @Override
    public boolean reads(int version) {
        return version == UNVERSIONED || version == version();
    }

    @Override
    public DeadLetter read(DataInputView in, int version) throws IOException {
        return version == UNVERSIONED ? read(in) : Codec.super.read(in, version);
    }

    @Override
    public DeadLetter read(DataInputView in) throws IOException {
        int first = in.readByte() & 0xFF;
        DeadLetter dl = new DeadLetter(REASONS.of(first & ~HAS_SOURCE), StateIO.readString(in), StateIO.readString(in),
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
