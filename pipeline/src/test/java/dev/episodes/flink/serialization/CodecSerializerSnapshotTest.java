package dev.episodes.flink.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a restore decides for each serializer: the same codec at the same layout restores as is, an older
 * layout the codec still reads migrates (read with the old serializer, written with the new), and a newer
 * or unreadable layout, another codec or another serializer is incompatible, never misread.
 */
class CodecSerializerSnapshotTest {
    static Stream<Codec<?>> codecs() {
        return PipelineTypesScan.codecs().stream();
    }

    /** The snapshot as Flink stores and restores it: class name, snapshot version, then its own bytes. */
    static <T> TypeSerializerSnapshot<T> stored(TypeSerializerSnapshot<T> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                CodecSerializerSnapshotTest.class.getClassLoader());
    }

    static <T> TypeSerializerSchemaCompatibility<T> restoring(Codec<T> now, TypeSerializerSnapshot<T> old) {
        return new CodecSerializer<>(now).snapshotConfiguration().resolveSchemaCompatibility(old);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    <T> void theSameLayoutRestoresAsIs(Codec<T> codec) throws IOException {
        TypeSerializerSnapshot<T> old = stored(new CodecSerializer<>(codec).snapshotConfiguration());
        assertTrue(restoring(codec, old).isCompatibleAsIs());
        assertEquals(new CodecSerializer<>(codec), old.restoreSerializer());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    <T> void aNewerLayoutIsRefused(Codec<T> codec) throws IOException {
        TypeSerializerSnapshot<T> newer = stored(new CodecSerializerSnapshot<>(codec, codec.version() + 1));
        assertTrue(restoring(codec, newer).isIncompatible(), "state of a newer build");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    @SuppressWarnings({"unchecked", "rawtypes"})
    <T> void anotherCodecOrSerializerIsRefused(Codec<T> codec) throws IOException {
        Codec other = codec instanceof RawEventCodec ? new EpisodeCodec() : new RawEventCodec();
        assertTrue(restoring(codec, stored(new CodecSerializer<>(other).snapshotConfiguration())).isIncompatible());
        assertTrue(restoring(codec, (TypeSerializerSnapshot) LongSerializer.INSTANCE.snapshotConfiguration())
                .isIncompatible());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    <T> void aSnapshotOfTheFirstFormatIsUnversionedStateThatMigratesOnlyWhereTheCodecReadsIt(Codec<T> codec)
            throws IOException {
        // Snapshot format 1 wrote the class name alone, before layouts had versions.
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(codec.getClass().getName());
        CodecSerializerSnapshot<T> old = new CodecSerializerSnapshot<>();
        old.readSnapshot(1, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertEquals(Codec.UNVERSIONED, old.codecVersion());
        TypeSerializerSchemaCompatibility<T> c = restoring(codec, old);
        if (codec.reads(Codec.UNVERSIONED)) {
            assertTrue(c.isCompatibleAfterMigration(), codec + " reads it: migrated");
        } else {
            assertTrue(c.isIncompatible(), codec + " does not: refused, never read as version 1");
        }
    }

    @Test
    void deadLettersWaitingInAnUnversionedSavepointMigrate() {
        assertTrue(new DeadLetterCodec().reads(Codec.UNVERSIONED), "list state of dead letters waiting for consent");
    }

    @Test
    void anOlderLayoutTheCodecReadsMigratesAndTheOldSerializerReadsTheOldBytes() throws IOException {
        TwoLayoutsCodec codec = new TwoLayoutsCodec();
        TypeSerializerSnapshot<Long> old = stored(new CodecSerializerSnapshot<>(codec, 1));
        assertTrue(restoring(codec, old).isCompatibleAfterMigration());

        DataOutputSerializer v1 = new DataOutputSerializer(16);
        v1.writeInt(4);
        v1.writeInt(-7); // a length-prefixed int: layout 1
        TypeSerializer<Long> reader = old.restoreSerializer();
        assertEquals(-7L, reader.deserialize(new DataInputDeserializer(v1.getCopyOfBuffer())));
        assertThrows(IllegalStateException.class, () -> reader.serialize(1L, new DataOutputSerializer(16)),
                "a serializer of the old layout never writes it");

        TypeSerializer<Long> writer = new CodecSerializer<>(codec);
        DataOutputSerializer v2 = new DataOutputSerializer(16);
        writer.serialize(-7L, v2);
        assertEquals(12, v2.length(), "the new layout");
        assertEquals(-7L, writer.deserialize(new DataInputDeserializer(v2.getCopyOfBuffer())));
        assertTrue(restoring(codec, stored(writer.snapshotConfiguration())).isCompatibleAsIs());
    }

    @Test
    void anOlderLayoutTheCodecNoLongerReadsIsRefused() throws IOException {
        Codec<Long> dropped = new TwoLayoutsCodec() {
            @Override
            public boolean reads(int version) {
                return version == 2;
            }
        };
        assertTrue(restoring(dropped, new CodecSerializerSnapshot<>(dropped, 1)).isIncompatible());
        int unknown = new RawEventCodec().version() + 1; // issue 17 made 2 the current layout
        IOException e = assertThrows(IOException.class,
                () -> new RawEventCodec().read(new DataInputDeserializer(new byte[8]), unknown));
        assertTrue(e.getMessage().contains("layout version " + unknown), e.getMessage());
    }

    @Test
    void anUnknownSnapshotFormatIsAnError() {
        assertThrows(IOException.class, () -> new CodecSerializerSnapshot<>().readSnapshot(3,
                new DataInputDeserializer(new byte[0]), getClass().getClassLoader()));
    }

    @Test
    void everyPipelineTypeIsACodecType() {
        List<TypeInformation<?>> infos = PipelineTypesScan.infos();
        assertEquals(infos.size(), PipelineTypesScan.codecs().size());
        for (TypeInformation<?> info : infos) {
            assertTrue(info.createSerializer(new SerializerConfigImpl()) instanceof CodecSerializer<?>, info.toString());
        }
    }
}
