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

    @Override
    public void write(DeadLetter value, DataOutputView out) throws IOException {
        out.writeByte(value.reason().ordinal());
        StateIO.writeString(out, value.detail());
        StateIO.writeString(out, value.raw());
        StateIO.writeString(out, value.userId());
        out.writeLong(value.tsUs());
    }

    @Override
    public DeadLetter read(DataInputView in) throws IOException {
        return new DeadLetter(REASONS[in.readByte()], StateIO.readString(in), StateIO.readString(in),
                StateIO.readString(in), in.readLong());
    }
}
