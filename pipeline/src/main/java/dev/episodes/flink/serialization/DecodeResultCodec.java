package dev.episodes.flink.serialization;

import dev.episodes.decode.DecodeResult;
import dev.episodes.snapshot.EventIO;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

public final class DecodeResultCodec implements Codec<DecodeResult> {
    private static final long serialVersionUID = 1L;
    private final DeadLetterCodec deadLetters = new DeadLetterCodec();

    @Override
    public int version() {
        return 2; // 2: consent events carry their pause end (until_ts_us)
    }

    @Override
    public boolean reads(int version) {
        return version == 1 || version == 2;
    }

    @Override
    public Class<DecodeResult> type() {
        return DecodeResult.class;
    }

    @Override
    public void write(DecodeResult value, DataOutputView out) throws IOException {
        if (value instanceof DecodeResult.Decoded d) {
            out.writeBoolean(true);
            EventIO.write(out, d.event());
            out.writeInt(d.truncatedFields());
        } else {
            out.writeBoolean(false);
            deadLetters.write(((DecodeResult.Rejected) value).deadLetter(), out);
        }
    }

    @Override
    public DecodeResult read(DataInputView in) throws IOException {
        return read(in, version());
    }

    @Override
    public DecodeResult read(DataInputView in, int version) throws IOException {
        if (!reads(version)) {
            return Codec.super.read(in, version);
        }
        return in.readBoolean() ? new DecodeResult.Decoded(EventIO.read(in, version), in.readInt())
                : new DecodeResult.Rejected(deadLetters.read(in));
    }
}
