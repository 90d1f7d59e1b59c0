package dev.episodes.flink.serialization;

import dev.episodes.event.RawEvent;
import dev.episodes.snapshot.EventIO;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

public final class RawEventCodec implements Codec<RawEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public int version() {
        return 2; // 2: consent events carry their pause end (until_ts_us)
    }

    @Override
    public boolean reads(int version) {
        return version == 1 || version == 2;
    }

    @Override
    public Class<RawEvent> type() {
        return RawEvent.class;
    }

    @Override
    public void write(RawEvent value, DataOutputView out) throws IOException {
        EventIO.write(out, value);
    }

    @Override
    public RawEvent read(DataInputView in) throws IOException {
        return EventIO.read(in);
    }

    @Override
    public RawEvent read(DataInputView in, int version) throws IOException {
        return reads(version) ? EventIO.read(in, version) : Codec.super.read(in, version);
    }
}
