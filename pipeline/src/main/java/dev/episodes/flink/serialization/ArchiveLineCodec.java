package dev.episodes.flink.serialization;

import dev.episodes.archive.ArchiveLine;
import dev.episodes.snapshot.StateIO;
import dev.episodes.snapshot.WireCodes;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Archive lines between the one reader and the parallel decoders: the bytes as read. */
public final class ArchiveLineCodec implements Codec<ArchiveLine> {
    private static final long serialVersionUID = 1L;
    private static final WireCodes<ArchiveLine.Kind> KINDS = WireCodes.pin(ArchiveLine.Kind.class,
            ArchiveLine.Kind.LINE, ArchiveLine.Kind.TOO_LONG, ArchiveLine.Kind.UNREADABLE);

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Class<ArchiveLine> type() {
        return ArchiveLine.class;
    }

    @Override
    public void write(ArchiveLine value, DataOutputView out) throws IOException {
        out.writeInt(value.file());
        out.writeLong(value.number());
        out.writeByte(KINDS.code(value.kind()));
        out.writeInt(value.bytes().length);
        out.write(value.bytes());
        StateIO.writeString(out, value.error());
    }

    @Override
    public ArchiveLine read(DataInputView in) throws IOException {
        int file = in.readInt();
        long number = in.readLong();
        ArchiveLine.Kind kind = KINDS.of(in.readByte());
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new ArchiveLine(file, number, kind, bytes, StateIO.readString(in));
    }
}
