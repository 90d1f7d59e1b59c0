package dev.episodes.flink.source;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Optional;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Marks the Kafka enumerator state of a bounded run ({@code --until-latest}) in the state itself, so that
 * an unbounded job can tell it apart and refuse it. A bounded run's splits keep their stopping offsets and
 * the partitions it finished are in no split at all: restored into an unbounded job they stop where the
 * bounded run would have, silently. The mark is the serializer version, offset by {@link #MARK}; Kafka's
 * own versions are small (3 in connector 5.0.0), and the bytes are Kafka's unchanged. State written
 * before the mark existed carries none and is not recognised.
 */
public final class BoundedRunMark {
    /** Added to the Kafka enumerator state version by a bounded run. */
    static final int MARK = 1 << 16;

    private BoundedRunMark() {}

    /** The serializer of a bounded run: writes the mark, reads state with or without it. */
    public static <E> SimpleVersionedSerializer<E> marking(SimpleVersionedSerializer<E> kafka) {
        return new Marking<>(kafka);
    }

    /**
     * The serializer of an unbounded run: as Kafka's, but state with the mark reads back as a
     * {@link BoundedRunState}, which {@link UnboundedKafka} refuses. Not by throwing here: Flink 2.2 logs a
     * coordinator that fails to restore and runs the job without it, reading nothing, forever.
     */
    public static SimpleVersionedSerializer<KafkaSourceEnumState> refusing(
            SimpleVersionedSerializer<KafkaSourceEnumState> kafka) {
        return new Refusing(kafka);
    }

    public static boolean marked(int version) {
        return version >= MARK;
    }

    /**
     * Whether a source coordinator's checkpoint bytes (Flink's {@code SourceCoordinator}: its serde
     * version, then the enumerator serializer's version, length and bytes) hold a marked enumerator state;
     * empty when the bytes are not laid out so.
     */
    public static Optional<Boolean> inCoordinatorState(byte[] coordinator) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(coordinator))) {
            int serde = in.readInt();
            if (serde != 1) {
                return Optional.empty(); // a layout this Flink does not write; not ours to guess
            }
            return Optional.of(marked(in.readInt()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Why an unbounded job refuses a bounded run's state. */
    public static final String REFUSED = "this savepoint or checkpoint was written by a bounded --until-latest run: "
            + "restored into an unbounded job, each partition would stop at that run's last offsets and later "
            + "records would never be read. Resume it with --until-latest until it finishes (a finished run leaves "
            + "no state), or give the unbounded job its own --checkpoint-dir";

    /** Kafka's enumerator state, read back from a bounded run. */
    static final class BoundedRunState extends KafkaSourceEnumState {
        BoundedRunState(KafkaSourceEnumState kafka) {
            super(kafka.splits(), kafka.initialDiscoveryFinished());
        }
    }

    private record Marking<E>(SimpleVersionedSerializer<E> kafka) implements SimpleVersionedSerializer<E> {
        @Override
        public int getVersion() {
            return kafka.getVersion() + MARK;
        }

        @Override
        public byte[] serialize(E state) throws IOException {
            return kafka.serialize(state);
        }

        @Override
        public E deserialize(int version, byte[] serialized) throws IOException {
            return kafka.deserialize(marked(version) ? version - MARK : version, serialized);
        }
    }

    private record Refusing(SimpleVersionedSerializer<KafkaSourceEnumState> kafka)
            implements SimpleVersionedSerializer<KafkaSourceEnumState> {
        @Override
        public int getVersion() {
            return kafka.getVersion();
        }

        @Override
        public byte[] serialize(KafkaSourceEnumState state) throws IOException {
            return kafka.serialize(state);
        }

        @Override
        public KafkaSourceEnumState deserialize(int version, byte[] serialized) throws IOException {
            return marked(version) ? new BoundedRunState(kafka.deserialize(version - MARK, serialized))
                    : kafka.deserialize(version, serialized);
        }
    }
}
