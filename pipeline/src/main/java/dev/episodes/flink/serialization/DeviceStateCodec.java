package dev.episodes.flink.serialization;

import dev.episodes.device.DeviceState;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Per-device keyed state; mutable, so copies are deep. */
public final class DeviceStateCodec implements Codec<DeviceState> {
    private static final long serialVersionUID = 1L;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Class<DeviceState> type() {
        return DeviceState.class;
    }

    @Override
    public void write(DeviceState value, DataOutputView out) throws IOException {
        value.writeTo(out);
    }

    @Override
    public DeviceState read(DataInputView in) throws IOException {
        return DeviceState.readFrom(in);
    }

    @Override
    public boolean immutable() {
        return false;
    }
}
