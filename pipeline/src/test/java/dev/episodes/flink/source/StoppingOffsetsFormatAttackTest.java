package dev.episodes.flink.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (stop 27, commit dad8feb): the record's two layouts told apart by an "offsets" object. Flat
 * records of topics named "group" or "offsets" (keys "group-0", "offsets-0") read flat with no group; a
 * record written by this version for topics of those names reads back the same; a flat key without a
 * partition (a bare "offsets" or "group") is refused, never read as the other layout. This held.
 */
class StoppingOffsetsFormatAttackTest {
    @Test
    void topicsNamedGroupOrOffsetsReadInBothLayouts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("old.json"), "{\"group-0\": 5, \"offsets-0\": 7, \"offsets-1\": 0}");
        Map<TopicPartition, Long> expected = Map.of(new TopicPartition("group", 0), 5L,
                new TopicPartition("offsets", 0), 7L, new TopicPartition("offsets", 1), 0L);
        assertEquals(new StoppingOffsets(null, expected), StoppingOffsets.read(file).orElseThrow());

        for (String group : new String[] {"g", "offsets", "group", "", "offsets-0"}) {
            StoppingOffsets written = new StoppingOffsets(group, expected);
            written.write(file);
            assertEquals(written, StoppingOffsets.read(file).orElseThrow(), group);
        }
        new StoppingOffsets(null, expected).write(file);
        assertEquals(new StoppingOffsets(null, expected), StoppingOffsets.read(file).orElseThrow());
    }

    @Test
    void keysWithoutAPartitionAreRefusedNotTakenForTheOtherLayout(@TempDir Path dir) throws Exception {
        for (String damaged : new String[] {"{\"offsets\": 5}", "{\"group\": \"g\"}", "{\"group\": \"g\", \"offsets\": 3}",
                "{\"offsets\": [1]}", "{\"group\": null, \"offsets\": {\"t-0\": 1}}", "{\"-0\": 1}",
                "{\"offsets\": {\"t-0\": 1.5}}"}) {
            Path file = Files.writeString(dir.resolve("x.json"), damaged);
            assertThrows(IllegalArgumentException.class, () -> StoppingOffsets.read(file), damaged);
        }
    }
}
