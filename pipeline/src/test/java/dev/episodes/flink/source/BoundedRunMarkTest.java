package dev.episodes.flink.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumStateSerializer;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A bounded run's enumerator state carries its mark; an unbounded job reads it back as refused. */
class BoundedRunMarkTest {
    static final SimpleVersionedSerializer<KafkaSourceEnumState> KAFKA = new KafkaSourceEnumStateSerializer();
    static final KafkaSourceEnumState STATE = new KafkaSourceEnumState(
            List.of(new KafkaPartitionSplit(new TopicPartition("a.mouse", 0), 7, 90)),
            List.of(new KafkaPartitionSplit(new TopicPartition("a.keys", 1), 3)), true);

    @Test
    void aBoundedRunWritesKafkasBytesUnderAMarkedVersionAndReadsBoth() throws IOException {
        var bounded = BoundedRunMark.marking(KAFKA);
        assertTrue(BoundedRunMark.marked(bounded.getVersion()));
        assertFalse(BoundedRunMark.marked(KAFKA.getVersion()), "Kafka's own versions are small");
        byte[] bytes = bounded.serialize(STATE);
        assertTrue(java.util.Arrays.equals(KAFKA.serialize(STATE), bytes), "the bytes are Kafka's");
        assertSame(STATE, bounded.deserialize(bounded.getVersion(), bytes));
        // an unbounded run's state restores into a bounded run
        assertSame(STATE, bounded.deserialize(KAFKA.getVersion(), KAFKA.serialize(STATE)));
    }

    @Test
    void anUnboundedJobReadsABoundedRunsStateAsRefusedAndItsOwnAsKafkas() throws IOException {
        var bounded = BoundedRunMark.marking(KAFKA);
        var unbounded = BoundedRunMark.refusing(KAFKA);
        assertEquals(KAFKA.getVersion(), unbounded.getVersion(), "unbounded state is written as before the mark");
        KafkaSourceEnumState refused = unbounded.deserialize(bounded.getVersion(), bounded.serialize(STATE));
        assertInstanceOf(BoundedRunMark.BoundedRunState.class, refused);
        assertSame(STATE, refused);
        KafkaSourceEnumState own = unbounded.deserialize(KAFKA.getVersion(), KAFKA.serialize(STATE));
        assertFalse(own instanceof BoundedRunMark.BoundedRunState);
        assertSame(STATE, own);
    }

    @Test
    void theRestoredUnboundedEnumeratorFailsTheJobWhenAReaderRegisters() throws Exception {
        KafkaSource<String> kafka = KafkaSource.<String>builder().setBootstrapServers("127.0.0.1:1").setTopics("t")
                .setValueOnlyDeserializer(new SimpleStringSchema()).setStartingOffsets(OffsetsInitializer.earliest())
                .build();
        var source = new UnboundedKafka<>(kafka);
        var enumerator = source.restoreEnumerator(null, new BoundedRunMark.BoundedRunState(STATE));
        enumerator.start();
        // not recoverable (no restart loop); the reason is its cause
        RuntimeException e = assertThrows(org.apache.flink.runtime.execution.SuppressRestartsException.class,
                () -> enumerator.addReader(0));
        assertTrue(e.getCause().getMessage().contains("--until-latest"), e.getCause().getMessage());
        assertThrows(IllegalStateException.class, () -> enumerator.snapshotState(1), "never an unmarked copy");
        assertThrows(IllegalArgumentException.class, () -> new UnboundedKafka<>(KafkaSource.<String>builder()
                .setBootstrapServers("127.0.0.1:1").setTopics("t").setValueOnlyDeserializer(new SimpleStringSchema())
                .setBounded(OffsetsInitializer.latest()).build()));
    }

    @Test
    void theCoordinatorsBytesTellAMarkedStateAndNothingElse() throws IOException {
        assertEquals(Optional.of(true), BoundedRunMark.inCoordinatorState(coordinator(1, BoundedRunMark.MARK + 3)));
        assertEquals(Optional.of(false), BoundedRunMark.inCoordinatorState(coordinator(1, 3)));
        assertEquals(Optional.empty(), BoundedRunMark.inCoordinatorState(coordinator(0, BoundedRunMark.MARK + 3)),
                "a layout this Flink does not write");
        assertEquals(Optional.empty(), BoundedRunMark.inCoordinatorState(new byte[] {0, 0, 0, 1}));
        assertEquals(Optional.empty(), BoundedRunMark.inCoordinatorState(new byte[0]));
    }

    /** As Flink's SourceCoordinator writes it: its serde version, the enumerator's version, length, bytes. */
    static byte[] coordinator(int serde, int enumerator) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeInt(serde);
            out.writeInt(enumerator);
            byte[] state = KAFKA.serialize(STATE);
            out.writeInt(state.length);
            out.write(state);
        }
        return b.toByteArray();
    }

    /** The same splits, assignment and discovery flag. */
    static void assertSame(KafkaSourceEnumState expected, KafkaSourceEnumState actual) {
        assertEquals(Set.copyOf(expected.assignedSplits().stream().map(Object::toString).toList()),
                Set.copyOf(actual.assignedSplits().stream().map(Object::toString).toList()));
        assertEquals(Set.copyOf(expected.unassignedSplits().stream().map(Object::toString).toList()),
                Set.copyOf(actual.unassignedSplits().stream().map(Object::toString).toList()));
        assertEquals(expected.initialDiscoveryFinished(), actual.initialDiscoveryFinished());
    }
}
