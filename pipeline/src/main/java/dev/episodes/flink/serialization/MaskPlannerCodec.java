package dev.episodes.flink.serialization;

import dev.episodes.masking.MaskPlanner;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A device's mask memory in keyed state; mutable, so copies are deep. */
public final class MaskPlannerCodec implements Codec<MaskPlanner> {
    private static final long serialVersionUID = 1L;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Class<MaskPlanner> type() {
        return MaskPlanner.class;
    }

    @Override
    public void write(MaskPlanner value, DataOutputView out) throws IOException {
        value.writeTo(out);
    }

    @Override
    public MaskPlanner read(DataInputView in) throws IOException {
        MaskPlanner m = new MaskPlanner();
        m.readFrom(in);
        return m;
    }

    @Override
    public boolean immutable() {
        return false;
    }
}
