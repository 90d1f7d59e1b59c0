package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.testing.SampleEpisodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the streaming job's commits do to a partition. */
class ShardPublisherTest {
    @Test
    void aStreamedCommitIntoACompletePartitionMakesItOpen(@TempDir Path root) throws Exception {
        List<Episode> episodes = SampleEpisodes.of(GeneratorSettings.of(1, Duration.ofMinutes(5), 3));
        LocalDate day = DatasetLayout.dateOf(episodes.get(0).startTsUs());
        Path partition = Files.createDirectories(root.resolve(DatasetLayout.partition(day)));
        Files.createFile(partition.resolve(DatasetLayout.SUCCESS)); // a nightly build made it complete

        ShardPublisher publisher = new ShardPublisher(root, Map.of("kind", "kafka"), "key", OutputLayout.DEFAULT);
        StagedShard shard = publisher.stage("a1", "part-a1-0-0.parquet", day,
                episodes.stream().filter(e -> DatasetLayout.dateOf(e.startTsUs()).equals(day)).toList());
        publisher.publish(shard);

        assertFalse(Files.exists(partition.resolve(DatasetLayout.SUCCESS)),
                "a partition the stream adds to is no longer what a bounded build made");
        assertTrue(Files.exists(partition.resolve(DatasetLayout.MANIFEST)));
        publisher.publish(shard); // a retried commit
        Manifest m = Json.MAPPER.readValue(partition.resolve(DatasetLayout.MANIFEST).toFile(), Manifest.class);
        assertEquals(2, m.files().size(), "steps and episodes file, once");
        assertFalse(Files.exists(partition.resolve(DatasetLayout.SUCCESS)));
    }
}
