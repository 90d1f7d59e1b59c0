package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.testing.SampleEpisodes;
import dev.episodes.storage.Store;
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

    @Test
    void aShardRetiredByALaterCommitIsNotAddedAgainByARetriedAppend(@TempDir Path root) throws Exception {
        List<Episode> episodes = SampleEpisodes.of(GeneratorSettings.of(1, Duration.ofMinutes(5), 3));
        LocalDate day = DatasetLayout.dateOf(episodes.get(0).startTsUs());
        List<Episode> ofDay = episodes.stream().filter(e -> DatasetLayout.dateOf(e.startTsUs()).equals(day)).toList();
        Store store = Store.local(root);
        ShardPublisher publisher = new ShardPublisher(store, Map.of("kind", "kafka"), "key", OutputLayout.DEFAULT, null,
                Duration.ofHours(1));
        StagedShard shard = publisher.stage("a1", "part-sa1-0-0.parquet", day, ofDay);
        publisher.publish(shard);
        // a rebuild (or compaction) replaces the day: the streamed files are retired
        String partition = shard.partition();
        try (Rebuild r = new Rebuild(store, partition, RebuildBase.read(store), List.of(), "run", Map.of(), "key",
                null)) {
            new PartitionLog(store, partition, Duration.ofHours(1)).commit(r);
        }
        PartitionLog.Outcome retried = publisher.publish(shard); // the commit retried after a restore
        assertFalse(retried.committed(), "a retired file is not named again");
        assertTrue(retried.snapshot().files().isEmpty());
    }

    @Test
    void filesOfAnAttemptThatNeverCommittedAreRemovedOnlyAfterTheOrphanGrace(@TempDir Path root) throws Exception {
        List<Episode> episodes = SampleEpisodes.of(GeneratorSettings.of(1, Duration.ofMinutes(5), 3));
        LocalDate day = DatasetLayout.dateOf(episodes.get(0).startTsUs());
        List<Episode> ofDay = episodes.stream().filter(e -> DatasetLayout.dateOf(e.startTsUs()).equals(day)).toList();
        ShardPublisher publisher = new ShardPublisher(Store.local(root), Map.of("kind", "kafka"), "key",
                OutputLayout.DEFAULT, null, Duration.ofHours(1));
        StagedShard committed = publisher.stage("a1", "part-sa1-0-0.parquet", day, ofDay);
        publisher.publish(committed);
        StagedShard orphan = publisher.stage("b2", "part-sb2-0-0.parquet", day, ofDay); // its checkpoint never completed
        Path partition = root.resolve(orphan.partition());
        Files.writeString(partition.resolve("steps/part-other-0.parquet"), "not the stream's");
        long written = Files.getLastModifiedTime(partition.resolve(orphan.stepsFile())).toMillis();

        assertEquals(List.of(), publisher.removeOrphans(Duration.ofHours(1), written + Duration.ofMinutes(30).toMillis()),
                "a young file may belong to a checkpoint still completing");
        List<String> removed = publisher.removeOrphans(Duration.ofHours(1), written + Duration.ofHours(2).toMillis());
        assertEquals(new java.util.TreeSet<>(orphan.keys()), new java.util.TreeSet<>(removed));
        for (String key : committed.keys()) {
            assertTrue(Files.exists(root.resolve(key)), "committed files stay: " + key);
        }
        assertTrue(Files.exists(partition.resolve("steps/part-other-0.parquet")), "only the stream's own files");
    }
}
