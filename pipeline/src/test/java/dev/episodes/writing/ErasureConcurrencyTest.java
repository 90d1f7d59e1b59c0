package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.inspect.DatasetInspector;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An erasure committing while a streaming writer appends to the same partition. */
class ErasureConcurrencyTest {
    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void erasureConcurrentWithAppendsLosesNothingAndTheyAreGone() throws Exception {
        Store store = Store.local(root);
        List<List<Episode>> slices = CompactionTest.slices(16);
        String gone = slices.get(0).get(0).user();
        List<TestShards.Shard> first = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            first.add(TestShards.write(store, work, "part-s0-" + i + ".parquet", slices.get(i)));
        }
        // What the streaming job adds meanwhile: everyone else's episodes (the person's are revoked upstream).
        List<TestShards.Shard> later = new ArrayList<>();
        for (int i = 8; i < 16; i++) {
            later.add(TestShards.write(store, work, "part-s1-" + i + ".parquet",
                    slices.get(i).stream().filter(e -> !e.user().equals(gone)).toList()));
        }
        PartitionLog log = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
        for (TestShards.Shard s : first) {
            log.commit(TestShards.append(s));
        }
        assertTrue(log.current().manifest().files().stream().anyMatch(f -> TestShards.people(store, TestShards.DAY, f).contains(gone)));
        List<Path> all = new ArrayList<>();
        for (TestShards.Shard s : first) {
            all.add(root.resolve(TestShards.DAY).resolve(s.steps()));
        }
        for (TestShards.Shard s : later) {
            all.add(root.resolve(TestShards.DAY).resolve(s.steps()));
        }
        List<String> expected = TestShards.rows(all, "* ", "episode_id, step_index").stream()
                .filter(r -> !r.contains("user=" + gone + " ")).toList();
        Set<String> goneEpisodes = new HashSet<>();
        for (Episode e : slices.subList(0, 8).stream().flatMap(List::stream).toList()) {
            if (e.user().equals(gone)) {
                goneEpisodes.add(e.episodeId());
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> appends = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int from = t * 4;
            appends.add(pool.submit(() -> {
                PartitionLog other = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
                for (TestShards.Shard s : later.subList(from, from + 4)) {
                    other.commit(TestShards.append(s));
                }
                return null;
            }));
        }
        Future<Erasure.Result> erasure = pool.submit(() -> Erasure.erase(store, gone, null, Duration.ofHours(1)));
        for (Future<?> f : appends) {
            f.get();
        }
        Erasure.Result r = erasure.get();
        pool.shutdown();

        assertTrue(r.matched() && r.stepsRemoved() > 0 && r.episodesRemoved() == goneEpisodes.size(), r.toString());
        List<Path> steps = TestShards.current(root, DatasetLayout.STEPS);
        assertEquals(expected, TestShards.rows(steps, "* ", "episode_id, step_index"),
                "everyone else's steps once each, the person's none");
        assertEquals(List.of(), TestShards.rows(TestShards.current(root, DatasetLayout.EPISODES), "*",
                "episode_id").stream().filter(x -> x.contains("user=" + gone + " ")).toList());
        Manifest m = log.current().manifest();
        assertEquals(expected.size(), m.totals().steps());
        assertFalse(m.files().stream().anyMatch(f -> TestShards.people(store, TestShards.DAY, f).contains(gone)));
        for (String a : m.audit()) {
            for (String line : Files.readAllLines(root.resolve(a), StandardCharsets.UTF_8)) {
                String episode = Json.MAPPER.readTree(line).get("episode_id").asText();
                assertFalse(goneEpisodes.contains(episode), "the person's audit lines are gone: " + a);
            }
        }
        assertTrue(m.retired().stream().anyMatch(x -> x.path().endsWith("part-s0-0.parquet")), "replaced: retired");
        assertEquals(List.of(), DatasetInspector.open(store).overview(true).fileIssues(), "no orphan, no temp file");
        assertEquals(1, Erasure.records(store).size());
    }
}
