package dev.episodes.flink.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Restores a {@link CodecSerializer}: the codec's class name and the layout version its state was
 * written in. Against an older snapshot it answers compatible as is (same codec, same version), after
 * migration (an older version the codec still reads), or incompatible (a newer or unreadable version,
 * another codec, another kind of serializer): a changed layout never restores silently. State from
 * before layouts had versions is {@link Codec#UNVERSIONED}: it migrates only where the codec reads it.
 */
public final class CodecSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
    /** 1: the class name only (before layouts had versions: {@link Codec#UNVERSIONED}); 2: name and version. */
    private static final int VERSION = 2;
    private Codec<T> codec;
    private int codecVersion;

    /** For Flink's reflective restore. */
    public CodecSerializerSnapshot() {}

    CodecSerializerSnapshot(Codec<T> codec, int codecVersion) {
        this.codec = codec;
        this.codecVersion = codecVersion;
    }

    /** The layout the snapshotted state was written in. */
    int codecVersion() {
        return codecVersion;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(codec.getClass().getName());
        out.writeInt(codecVersion);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        if (readVersion < 1 || readVersion > VERSION) {
            throw new IOException("unknown codec snapshot version " + readVersion + " (this build reads 1 to " + VERSION + ")");
        }
        String name = in.readUTF();
        codecVersion = readVersion == 1 ? Codec.UNVERSIONED : in.readInt();
        try {
            codec = (Codec<T>) Class.forName(name, true, classLoader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IOException("cannot restore codec " + name, e);
        }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return new CodecSerializer<>(codec, codecVersion);
    }

    /** Called on the snapshot of the new serializer with the one the state was written with. */
    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (!(oldSnapshot instanceof CodecSerializerSnapshot<T> old) || old.codec.getClass() != codec.getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        if (old.codecVersion == codecVersion) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        if (old.codecVersion < codecVersion && codec.reads(old.codecVersion)) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }
}
