package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.testing.SampleEpisodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job appends episodes of dt=D while a nightly rebuild of D commits, with real files and
 * the real commit protocol: nothing lost, nothing twice; episodes committed after the rebuild started
 * (late data) are kept; an episode both committed meanwhile and rebuilt appears once (the rebuild's).
 */
class RebuildWhileStreamingTest {
    @TempDir
    Path root;

    static final Map<String, Object> STREAM_INPUT = Map.of("kind", "kafka");

    List<Episode> day() throws Exception {
        List<Episode> all = SampleEpisodes.of(GeneratorSettings.of(6, Duration.ofMinutes(40), 17));
        LocalDate d = DatasetLayout.dateOf(all.get(0).startTsUs());
        List<Episode> ofDay = all.stream().filter(e -> DatasetLayout.dateOf(e.startTsUs()).equals(d)).toList();
        assertTrue(ofDay.size() >= 30, "enough episodes: " + ofDay.size());
        return ofDay;
    }

    /** A bounded build's shard: written locally, uploaded to its final name (what StagedPartitions does). */
    StagedShard built(Store store, String partition, String name, List<Episode> episodes, Path tmp) throws Exception {
        Path local = Files.createDirectories(tmp.resolve(name));
        ShardStats s = new ShardWriter(OutputLayout.DEFAULT).write(local.resolve(partition),
                local.resolve("audit"), name, episodes);
        return ShardFiles.upload(store, partition, local.resolve(partition), local.resolve("audit"), s);
    }

    @Test
    void lateEpisodesAreKeptRebuiltOnesAppearOnceNothingIsLost(@TempDir Path tmp) throws Exception {
        Store store = Store.local(root);
        List<Episode> episodes = day();
        String partition = DatasetLayout.partition(DatasetLayout.dateOf(episodes.get(0).startTsUs()));
        LocalDate date = LocalDate.parse(partition.substring(3));
        ShardPublisher stream = new ShardPublisher(store, STREAM_INPUT, "k", OutputLayout.DEFAULT, null,
                Duration.ofHours(24));
        int n = episodes.size();
        List<Episode> early = episodes.subList(0, n / 3);             // streamed before the rebuild started
        List<Episode> rebuiltToo = episodes.subList(n / 3, n / 3 + 4); // streamed after it started, and rebuilt
        List<Episode> late = episodes.subList(n / 3 + 4, n);           // streamed after it started only

        stream.publish(stream.stage("t", "part-s0-0-0.parquet", date, early));
        RebuildBase base = RebuildBase.read(store); // the nightly build starts: it will rebuild early + rebuiltToo
        List<Episode> rebuildInput = new ArrayList<>(early);
        rebuildInput.addAll(rebuiltToo);
        // committed after the rebuild read its base: one shard mixing rebuilt and late episodes
        List<Episode> mixed = new ArrayList<>(rebuiltToo);
        mixed.addAll(late.subList(0, 3));
        stream.publish(stream.stage("t", "part-s0-0-1.parquet", date, mixed));
        StagedShard rebuilt = built(store, partition, "part-run1-0.parquet", rebuildInput, tmp);

        // The rest of the late episodes stream in, one shard each, while the rebuild commits.
        List<Episode> rest = late.subList(3, late.size());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Future<?> streaming = pool.submit(() -> {
            go.await();
            for (int i = 0; i < rest.size(); i++) {
                StagedShard s = stream.stage("t", "part-s1-0-" + i + ".parquet", date, List.of(rest.get(i)));
                stream.publish(s);
                stream.publish(s); // a retried commit after a restore: no-op
            }
            return null;
        });
        Future<CommitSummary> rebuilding = pool.submit(() -> {
            go.await();
            return new DatasetCommitter(store, "run1", Duration.ofHours(24)).commit(List.of(rebuilt), base,
                    Map.of("kind", "archive"), "k", Map.of(), List.of(), 0);
        });
        go.countDown();
        streaming.get();
        rebuilding.get();
        pool.shutdown();

        Manifest m = new PartitionLog(store, partition, Duration.ofHours(24)).current().manifest();
        Map<String, Integer> seen = new HashMap<>();
        long steps = 0;
        for (Manifest.FileEntry f : m.files()) {
            Path file = root.resolve(partition).resolve(f.path());
            assertTrue(Files.exists(file), f.path());
            assertEquals(DatasetCommitter.sha256(file), f.sha256(), f.path());
            if (f.table().equals(DatasetLayout.STEPS)) {
                Set<String> ids = new TreeSet<>();
                for (GenericRecord r : ShardReader.read(file)) {
                    ids.add(String.valueOf(r.get("episode_id")));
                    steps++;
                }
                ids.forEach(id -> seen.merge(id, 1, Integer::sum));
                assertEquals(f.episodeCount(), ids.size(), f.path());
            } else {
                for (GenericRecord r : ShardReader.read(file)) {
                    assertEquals(f.path().replace("episodes/", "steps/"), String.valueOf(r.get("file")),
                            "an episodes row names the steps file beside it");
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        episodes.forEach(e -> expected.add(e.episodeId()));
        assertEquals(expected, seen.keySet(), "nothing lost: every rebuilt and every late episode is there");
        assertTrue(seen.values().stream().allMatch(c -> c == 1), "nothing twice: " + seen);
        assertEquals(episodes.stream().mapToLong(e -> e.steps().size()).sum(), steps);
        assertEquals(n, m.totals().episodes());
        assertEquals(steps, m.totals().steps());
        assertEquals(steps, m.stepsByAction().values().stream().mapToLong(Long::longValue).sum(),
                "counts by action add up over kept, rewritten and rebuilt files");

        List<String> names = m.files().stream().map(Manifest.FileEntry::path).toList();
        assertTrue(names.contains("steps/part-run1-0.parquet"), "the rebuild's copy of the day");
        assertFalse(names.contains("steps/part-s0-0-0.parquet"), "what the day held at the start is replaced");
        assertFalse(names.contains("steps/part-s0-0-1.parquet"), "a kept file holding rebuilt episodes is rewritten");
        assertTrue(names.stream().anyMatch(p -> p.startsWith("steps/part-s0-0-1-")), "... under a new name");
        Set<String> retired = new TreeSet<>();
        m.retired().forEach(r -> retired.add(r.path()));
        assertTrue(retired.contains(partition + "/steps/part-s0-0-0.parquet"), retired.toString());
        assertTrue(retired.contains(partition + "/steps/part-s0-0-1.parquet"), retired.toString());
        try (Stream<Path> files = Files.walk(root)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
    }

    @Test
    void aRebuildOfAnUntouchedDayWithTheSameBytesCommitsNothing(@TempDir Path tmp) throws Exception {
        Store store = Store.local(root);
        List<Episode> episodes = day();
        String partition = DatasetLayout.partition(DatasetLayout.dateOf(episodes.get(0).startTsUs()));
        StagedShard first = built(store, partition, "part-run2-0.parquet", episodes, tmp.resolve("a"));
        DatasetCommitter committer = new DatasetCommitter(store, "run2", Duration.ofHours(24));
        committer.commit(List.of(first), RebuildBase.read(store), Map.of("kind", "archive"), "k", Map.of(), List.of(), 0);
        PartitionLog log = new PartitionLog(store, partition, Duration.ofHours(24));
        long version = log.current().version();
        byte[] pointer = Files.readAllBytes(root.resolve(partition).resolve(DatasetLayout.MANIFEST));
        // the same shard again (the writers found the same bytes under the same name and reused it)
        committer.commit(List.of(first), RebuildBase.read(store), Map.of("kind", "archive"), "k", Map.of(), List.of(), 0);
        assertEquals(version, log.current().version(), "no new manifest version");
        assertEquals(new String(pointer), Files.readString(root.resolve(partition).resolve(DatasetLayout.MANIFEST)));
    }
}
