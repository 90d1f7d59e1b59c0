package dev.episodes.flink.serialization;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A codec after one layout change: version 2 writes a long, version 1 wrote an int; it reads both. */
public class TwoLayoutsCodec implements Codec<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Class<Long> type() {
        return Long.class;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public void write(Long value, DataOutputView out) throws IOException {
        out.writeLong(value);
    }

    @Override
    public Long read(DataInputView in) throws IOException {
        return in.readLong();
    }

    @Override
    public boolean reads(int version) {
        return version == 1 || version == 2;
    }

    @Override
    public Long read(DataInputView in, int version) throws IOException {
        return version == 1 ? (long) in.readInt() : Codec.super.read(in, version);
    }
}
