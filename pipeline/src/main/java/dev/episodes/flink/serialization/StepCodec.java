package dev.episodes.flink.serialization;

import dev.episodes.reduction.Step;
import dev.episodes.snapshot.StateIO;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A step of a device's open episode, in keyed list state (appended per step, read at the close). */
public final class StepCodec implements Codec<Step> {
    private static final long serialVersionUID = 1L;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Class<Step> type() {
        return Step.class;
    }

    @Override
    public void write(Step value, DataOutputView out) throws IOException {
        StateIO.writeStep(out, value);
    }

    @Override
    public Step read(DataInputView in) throws IOException {
        return StateIO.readStep(in);
    }
}
