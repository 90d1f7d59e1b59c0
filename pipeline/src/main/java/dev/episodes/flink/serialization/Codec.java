package dev.episodes.flink.serialization;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How one pipeline type is written between operators and into state. Each codec has a public no-arg
 * constructor so a serializer snapshot can recreate it by class name; no Kryo anywhere.
 */
public interface Codec<T> extends Serializable {
    Class<T> type();

    void write(T value, DataOutputView out) throws IOException;

    T read(DataInputView in) throws IOException;

    /** Immutable values are shared instead of copied. */
    default boolean immutable() {
        return true;
    }
}
