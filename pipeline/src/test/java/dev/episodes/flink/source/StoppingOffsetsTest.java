package dev.episodes.flink.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offsets a bounded run stops at: recorded beside its checkpoints, and given to restored splits. */
class StoppingOffsetsTest {
    static final StoppingOffsets OFFSETS = new StoppingOffsets("activity-episodes", Map.of(
            new TopicPartition("activity.keys", 0), 120L, new TopicPartition("activity.keys", 1), 0L,
            new TopicPartition("a-b-c.mouse-7", 11), 1L << 40));

    @Test
    void aRecordReadsBackTheSameEvenWithDashesInTopicNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("_until-latest-offsets.json");
        assertEquals(Optional.empty(), StoppingOffsets.read(file), "no record yet");
        OFFSETS.write(file);
        assertEquals(OFFSETS, StoppingOffsets.read(file).orElseThrow());
        new StoppingOffsets(null, Map.of()).write(file);
        assertEquals(new StoppingOffsets(null, Map.of()), StoppingOffsets.read(file).orElseThrow(), "overwritten whole");
    }

    @Test
    void aRecordFromBeforeGroupsWereKeptReadsWithNoGroupAndIsCommittedForAny(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("old.json"), "{\"activity.keys-0\": 120, \"offsets-3\": 7}");
        StoppingOffsets old = StoppingOffsets.read(file).orElseThrow();
        assertEquals(new StoppingOffsets(null, Map.of(new TopicPartition("activity.keys", 0), 120L,
                new TopicPartition("offsets", 3), 7L)), old);
        old.requireGroup("any-group", file); // nothing to check it against
    }

    @Test
    void offsetsReadForOneGroupAreRefusedForAnotherNamingBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("_until-latest-uncommitted.json");
        OFFSETS.write(file);
        StoppingOffsets read = StoppingOffsets.read(file).orElseThrow();
        read.requireGroup("activity-episodes", file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read.requireGroup("other-group", file));
        assertTrue(e.getMessage().contains("'activity-episodes'") && e.getMessage().contains("'other-group'")
                && e.getMessage().contains("--group-id activity-episodes") && e.getMessage().contains(file.toString()),
                e.getMessage());
    }

    @Test
    void aDamagedRecordIsRefusedByName(@TempDir Path dir) throws Exception {
        for (String damaged : List.of("{\"no-partition-number\": 3, \"t-1\": \"x\"}", "[1, 2]", "7",
                "{\"group\": 5, \"offsets\": {\"t-1\": 3}}", "{\"group\": \"g\", \"offsets\": {\"t-x\": 3}}")) {
            Path file = Files.writeString(dir.resolve("x.json"), damaged);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoppingOffsets.read(file),
                    damaged);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
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
