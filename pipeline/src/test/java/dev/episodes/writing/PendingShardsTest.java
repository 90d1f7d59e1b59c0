package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streaming shard staged before an erasure and committed after it cannot be changed by the erasure (its
 * committable names its files): the erasure says how many there are, so the operator runs it again after
 * the next checkpoint, and the rerun removes the person from what was committed meanwhile.
 */
class PendingShardsTest {
    @TempDir
    Path root;

    @Test
    void stagedShardsAreCountedUntilCommittedAndARerunAfterTheCommitErasesThem() throws Exception {
        Store store = Store.local(root);
        List<List<Episode>> slices = TestShards.slices(2);
        String person = slices.get(1).get(0).user();
        LocalDate day = LocalDate.parse(TestShards.DAY.substring(3));
        ShardPublisher publisher = new ShardPublisher(store, Map.of("kind", "kafka"), "k-test", OutputLayout.DEFAULT,
                null, Duration.ofHours(1));
        publisher.publish(publisher.stage("a1", "part-sa1-0-0.parquet", day, slices.get(0)));
        assertEquals(0, Erasure.pendingShards(store));
        StagedShard pending = publisher.stage("a1", "part-sa1-0-1.parquet", day, slices.get(1));
        assertEquals(1, Erasure.pendingShards(store));

        Erasure.erase(store, person, null, Duration.ZERO);
        assertEquals(1, Erasure.pendingShards(store), "still staged: the erasure cannot change it");
        publisher.publish(pending);
        assertEquals(0, Erasure.pendingShards(store));
        Erasure.Result again = Erasure.erase(store, person, null, Duration.ZERO);
        assertEquals(slices.get(1).stream().filter(e -> e.user().equals(person)).count(), again.episodesRemoved(),
                again.toString());
        List<String> left = TestShards.rows(TestShards.current(root, DatasetLayout.EPISODES), "\"user\"", "\"user\"");
        assertEquals(List.of(), left.stream().filter(r -> r.contains(person)).toList());
    }
}
