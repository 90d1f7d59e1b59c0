package dev.episodes.flink.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A bounded run restored from an unbounded run's state still has an end. */
class StopAtLatestOnRestoreTest {
    static final TopicPartition TP = new TopicPartition("activity.keys", 1);

    @Test
    @SuppressWarnings("deprecation")
    void anUnboundedSplitReadBackStopsAtTheLatestOffsets() throws Exception {
        SimpleVersionedSerializer<KafkaPartitionSplit> kafka = new KafkaPartitionSplitSerializer();
        var splits = new StopAtLatestOnRestore.Splits(kafka);
        byte[] unbounded = kafka.serialize(new KafkaPartitionSplit(TP, 42));
        KafkaPartitionSplit restored = splits.deserialize(kafka.getVersion(), unbounded);
        assertEquals(42, restored.getStartingOffset());
        assertEquals(Optional.of(KafkaPartitionSplit.LATEST_OFFSET), restored.getStoppingOffset());

        byte[] bounded = kafka.serialize(new KafkaPartitionSplit(TP, 42, 100));
        assertEquals(Optional.of(100L), splits.deserialize(kafka.getVersion(), bounded).getStoppingOffset(),
                "a bounded run's own stopping offsets are kept");
    }

    @Test
    void onlyABoundedSourceIsWrapped() {
        KafkaSource<String> unbounded = KafkaSource.<String>builder().setBootstrapServers("127.0.0.1:1")
                .setTopics("t").setValueOnlyDeserializer(new org.apache.flink.api.common.serialization.SimpleStringSchema())
                .setStartingOffsets(OffsetsInitializer.earliest()).build();
        assertThrows(IllegalArgumentException.class, () -> new StopAtLatestOnRestore<>(unbounded));
    }
}
