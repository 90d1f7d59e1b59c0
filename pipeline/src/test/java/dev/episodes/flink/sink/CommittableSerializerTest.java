package dev.episodes.flink.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreSettings;
import dev.episodes.testing.SampleEpisodes;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.ShardPublisher;
import dev.episodes.writing.ShardStats;
import dev.episodes.writing.ShardWriter;
import dev.episodes.writing.StagedShard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming sink's committables: version 2 names a shard already under its final names; a version 1
 * committable (a checkpoint taken before schema 1.1, naming a shard staged under {@code _staging/stream/})
 * is uploaded to its final names when restored and then commits like any other.
 */
class CommittableSerializerTest {
    @TempDir
    Path root;

    List<Episode> day() throws Exception {
        List<Episode> all = SampleEpisodes.of(GeneratorSettings.of(1, Duration.ofMinutes(5), 3));
        LocalDate d = DatasetLayout.dateOf(all.get(0).startTsUs());
        return all.stream().filter(e -> DatasetLayout.dateOf(e.startTsUs()).equals(d)).toList();
    }

    @Test
    void versionTwoRoundTrips() throws Exception {
        var serializer = new EpisodeCommitSink.CommittableSerializer(root.toString(), StoreSettings.none());
        List<Episode> episodes = day();
        ShardPublisher publisher = new ShardPublisher(Store.local(root), Map.of("kind", "kafka"), "k",
                OutputLayout.DEFAULT, null, Duration.ofHours(1));
        StagedShard shard = publisher.stage("a", "part-sa-0-0.parquet", DatasetLayout.dateOf(episodes.get(0).startTsUs()),
                episodes);
        assertEquals(2, serializer.getVersion());
        assertEquals(shard, serializer.deserialize(2, serializer.serialize(shard)));
        assertThrows(IOException.class, () -> serializer.deserialize(3, serializer.serialize(shard)));
    }

    @Test
    void aVersionOneShardStagedLocallyIsUploadedThenCommitted(@TempDir Path staged) throws Exception {
        List<Episode> episodes = day();
        String partition = DatasetLayout.partition(DatasetLayout.dateOf(episodes.get(0).startTsUs()));
        ShardStats stats = new ShardWriter(OutputLayout.DEFAULT).write(staged.resolve(partition),
                staged.resolve(DatasetLayout.AUDIT).resolve(partition), "part-old-0-0.parquet", episodes);
        ObjectNode v1 = Json.MAPPER.createObjectNode();
        v1.put("partition", partition);
        v1.put("staged_dir", staged.toString());
        v1.put("file_name", "part-old-0-0.parquet");
        v1.set("stats", Json.MAPPER.valueToTree(stats));

        var serializer = new EpisodeCommitSink.CommittableSerializer(root.toString(), StoreSettings.none());
        StagedShard shard = serializer.deserialize(1, Json.MAPPER.writeValueAsBytes(v1));
        for (String key : shard.keys()) {
            assertTrue(Files.exists(root.resolve(key)), key);
        }
        assertEquals(DatasetCommitter.sha256(staged.resolve(partition).resolve(stats.file())),
                shard.files().get(0).sha256());
        ShardPublisher publisher = new ShardPublisher(Store.local(root), Map.of("kind", "kafka"), "k",
                OutputLayout.DEFAULT, null, Duration.ofHours(1));
        assertTrue(publisher.publish(shard).committed());
        Manifest m = publisher.publish(shard).snapshot().manifest();
        assertEquals(2, m.files().size(), "once, after a retried commit too");
        assertEquals(episodes.size(), m.totals().episodes());
        assertFalse(Files.exists(root.resolve(DatasetLayout.STAGING)));
    }

    @Test
    void aVersionItDoesNotKnowIsRefusedByName() {
        var serializer = new EpisodeCommitSink.CommittableSerializer(root.toString(), StoreSettings.none());
        for (int version : new int[] {0, 3, -1}) {
            IOException e = assertThrows(IOException.class, () -> serializer.deserialize(version, "{}".getBytes()));
            assertTrue(e.getMessage().contains("committable version " + version), e.getMessage());
        }
    }
}
