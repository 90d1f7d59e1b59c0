package dev.episodes.flink.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink serializer backed by a {@link Codec}. Values are written with a length prefix. One restored from
 * a savepoint of an older layout ({@code readVersion} below the codec's version) only reads: Flink uses it
 * to migrate that state, and writes with the current serializer.
 */
public final class CodecSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Codec<T> codec;
    private final int readVersion;
    private transient DataOutputSerializer buffer;

    public CodecSerializer(Codec<T> codec) {
        this(codec, codec.version());
    }

    /** Reads layout {@code readVersion} (the codec says whether it can: {@link Codec#reads}). */
    CodecSerializer(Codec<T> codec, int readVersion) {
        this.codec = codec;
        this.readVersion = readVersion;
    }

    Codec<T> codec() {
        return codec;
    }

    int readVersion() {
        return readVersion;
    }

    private boolean current() {
        return readVersion == codec.version();
    }

    @Override
    public boolean isImmutableType() {
        return codec.immutable();
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new CodecSerializer<>(codec, readVersion); // the scratch buffer is per instance
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        if (from == null || codec.immutable()) {
            return from;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            codec.write(from, out);
            return codec.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length())); // the current layout
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + codec.type().getSimpleName(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        if (!current()) {
            throw new IllegalStateException(codec.getClass().getSimpleName() + " restored for layout version "
                    + readVersion + " only reads it; version " + codec.version() + " is written");
        }
        if (buffer == null) {
            buffer = new DataOutputSerializer(256);
        }
        buffer.clear();
        codec.write(record, buffer);
        target.writeInt(buffer.length());
        target.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        source.readInt(); // length, for copy(DataInputView, DataOutputView)
        return current() ? codec.read(source) : codec.read(source, readVersion);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        target.writeInt(length);
        target.write(bytes);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof CodecSerializer<?> other && other.codec.getClass() == codec.getClass()
                && other.readVersion == readVersion;
    }

    @Override
    public int hashCode() {
        return codec.getClass().hashCode() * 31 + readVersion;
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new CodecSerializerSnapshot<>(codec, readVersion);
    }
}
