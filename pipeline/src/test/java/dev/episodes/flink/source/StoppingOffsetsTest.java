package dev.episodes.flink.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offsets a bounded run stops at: recorded beside its checkpoints, and given to restored splits. */
class StoppingOffsetsTest {
    static final StoppingOffsets OFFSETS = new StoppingOffsets(Map.of(
            new TopicPartition("activity.keys", 0), 120L, new TopicPartition("activity.keys", 1), 0L,
            new TopicPartition("a-b-c.mouse-7", 11), 1L << 40));

    @Test
    void aRecordReadsBackTheSameEvenWithDashesInTopicNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("_until-latest-offsets.json");
        assertEquals(Optional.empty(), StoppingOffsets.read(file), "no record yet");
        OFFSETS.write(file);
        assertEquals(OFFSETS, StoppingOffsets.read(file).orElseThrow());
        new StoppingOffsets(Map.of()).write(file);
        assertEquals(Map.of(), StoppingOffsets.read(file).orElseThrow().offsets(), "overwritten whole");
    }

    @Test
    void aDamagedRecordIsRefusedByName(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.json"), "{\"no-partition-number\": 3, \"t-1\": \"x\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoppingOffsets.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    @SuppressWarnings("deprecation")
    void restoredUnboundedSplitsStopAtTheOffsetsGivenNeverBeforeWhereTheyAre() throws Exception {
        var kafka = new KafkaPartitionSplitSerializer();
        var splits = new StopAtLatestOnRestore.Splits(kafka, OFFSETS);
        TopicPartition keys0 = new TopicPartition("activity.keys", 0);
        assertEquals(Optional.of(120L), splits.deserialize(kafka.getVersion(),
                kafka.serialize(new KafkaPartitionSplit(keys0, 42))).getStoppingOffset());
        assertEquals(Optional.of(130L), splits.deserialize(kafka.getVersion(),
                kafka.serialize(new KafkaPartitionSplit(keys0, 130))).getStoppingOffset(), "read past them already");
        TopicPartition unseen = new TopicPartition("activity.context", 3);
        assertEquals(Optional.of(9L), splits.deserialize(kafka.getVersion(),
                kafka.serialize(new KafkaPartitionSplit(unseen, 9))).getStoppingOffset(), "not read this run");
        assertEquals(Optional.of(KafkaPartitionSplit.LATEST_OFFSET), splits.deserialize(kafka.getVersion(),
                kafka.serialize(new KafkaPartitionSplit(unseen, KafkaPartitionSplit.EARLIEST_OFFSET)))
                .getStoppingOffset(), "a start not yet resolved: the latest when read");
        assertEquals(Optional.of(100L), splits.deserialize(kafka.getVersion(),
                kafka.serialize(new KafkaPartitionSplit(keys0, 42, 100))).getStoppingOffset(),
                "a bounded run's own stopping offset is kept");
    }
}
