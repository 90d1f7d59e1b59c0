package dev.episodes.flink.serialization;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How one pipeline type is written between operators and into state. Each codec has a public no-arg
 * constructor so a serializer snapshot can recreate it by class name; no Kryo anywhere.
 *
 * <p>A codec's {@link #version()} names the layout {@link #write} produces; savepoints record it. A
 * change of layout bumps the version and keeps a reader for the old one ({@link #reads}, {@link #read(
 * DataInputView, int)}), so a restore migrates instead of misreading; {@code SerializerLayoutsTest}
 * fails when the bytes change at the same version. See docs/state.md.
 */
public interface Codec<T> extends Serializable {
    /**
     * The layout of state in savepoints taken before codecs had versions (their snapshots name the codec
     * alone). A codec reads it only if it says so: its layout then may differ from version 1.
     */
    int UNVERSIONED = 0;

    Class<T> type();

    /** The layout {@link #write} produces and {@link #read(DataInputView)} reads. */
    int version();

    void write(T value, DataOutputView out) throws IOException;

    /** Reads the current layout. */
    T read(DataInputView in) throws IOException;

    /** Whether {@link #read(DataInputView, int)} reads layout {@code version}; the current one always. */
    default boolean reads(int version) {
        return version == version();
    }

    /** Reads layout {@code version}: a codec that keeps readers of older layouts overrides this and {@link #reads}. */
    default T read(DataInputView in, int version) throws IOException {
        if (version != version()) {
            throw new IOException(getClass().getSimpleName() + " cannot read layout version " + version
                    + " (this build writes version " + version() + ")");
        }
        return read(in);
    }

    /** Immutable values are shared instead of copied. */
    default boolean immutable() {
        return true;
    }
}
