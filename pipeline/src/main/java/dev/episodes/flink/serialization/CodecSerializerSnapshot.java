package dev.episodes.flink.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Restores a {@link CodecSerializer} from its codec's class name. */
public final class CodecSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int VERSION = 1;
    private Codec<T> codec;

    /** For Flink's reflective restore. */
    public CodecSerializerSnapshot() {}

    CodecSerializerSnapshot(Codec<T> codec) {
        this.codec = codec;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(codec.getClass().getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        String name = in.readUTF();
        try {
            codec = (Codec<T>) Class.forName(name, true, classLoader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot restore codec " + name, e);
        }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return new CodecSerializer<>(codec);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot instanceof CodecSerializerSnapshot<T> old && old.codec.getClass() == codec.getClass()) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }
}
