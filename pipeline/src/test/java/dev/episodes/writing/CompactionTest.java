package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.generate.GeneratorSettings;
import dev.episodes.inspect.DatasetInspector;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.testing.SampleEpisodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {
    static final String STEPS = "* ";
    static final String EPISODES = "* EXCLUDE (file) ";
    static final Compaction.Settings BIG = new Compaction.Settings(256L << 20, 128L << 20, Duration.ofHours(1));

    @TempDir
    Path root;
    @TempDir
    Path work;

    static List<List<Episode>> slices(int n) throws Exception {
        return TestShards.slices(n);
    }

    private List<TestShards.Shard> shards(Store store, List<List<Episode>> slices, String run) throws Exception {
        List<TestShards.Shard> out = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            out.add(TestShards.write(store, work, "part-s" + run + "-" + i + ".parquet", slices.get(i)));
        }
        return out;
    }

    private List<Path> files(List<TestShards.Shard> shards, int which) {
        return shards.stream().map(s -> root.resolve(TestShards.DAY).resolve(s.files().get(which).path())).toList();
    }

    private long auditLines() throws Exception {
        Manifest m = new PartitionLog(Store.local(root), TestShards.DAY, Duration.ofHours(1)).current().manifest();
        long n = 0;
        for (String a : m.audit()) {
            n += Files.readAllLines(root.resolve(a), StandardCharsets.UTF_8).size();
        }
        return n;
    }

    @Test
    void smallFilesBecomeOneShardWithTheSameRowsAndCounts() throws Exception {
        Store store = Store.local(root);
        List<TestShards.Shard> shards = shards(store, slices(12), "0");
        PartitionLog log = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
        for (TestShards.Shard s : shards) {
            log.commit(TestShards.append(s));
        }
        Manifest before = log.current().manifest();
        List<String> steps = TestShards.rows(TestShards.current(root, DatasetLayout.STEPS), STEPS, "episode_id, step_index");
        List<String> episodes = TestShards.rows(TestShards.current(root, DatasetLayout.EPISODES), EPISODES, "episode_id");
        long audit = auditLines();
        assertTrue(audit > 0, "the sample has redactions");

        Compaction.Result r = Compaction.compact(store, TestShards.DAY, BIG);

        assertEquals(new Compaction.Result(TestShards.DAY, 24, 2, 12, 1, true), r);
        Manifest after = log.current().manifest();
        assertEquals(before.totals().steps(), after.totals().steps());
        assertEquals(before.totals().episodes(), after.totals().episodes());
        assertEquals(2, after.totals().files());
        assertEquals(before.stepsByAction(), after.stepsByAction());
        assertEquals(before.redactionsByKind(), after.redactionsByKind());
        assertEquals(steps, TestShards.rows(TestShards.current(root, DatasetLayout.STEPS), STEPS, "episode_id, step_index"));
        assertEquals(episodes, TestShards.rows(TestShards.current(root, DatasetLayout.EPISODES), EPISODES, "episode_id"));
        assertEquals(audit, auditLines(), "every audit line moved to the merged shard's audit file");
        assertEquals(1, after.audit().size());
        assertEquals(24 + 12, after.retired().size(), "24 data files and 12 audit files retired");

        // Rows sorted by (episode_id, step_index), each episode's file column naming the merged steps file.
        Path merged = TestShards.current(root, DatasetLayout.STEPS).get(0);
        String[] previous = {""};
        int[] index = {-1};
        ShardReader.scan(merged, row -> {
            String id = row.get("episode_id").toString();
            int i = (Integer) row.get("step_index");
            assertTrue(id.compareTo(previous[0]) > 0 || (id.equals(previous[0]) && i == index[0] + 1), id + " " + i);
            previous[0] = id;
            index[0] = i;
            return true;
        });
        for (GenericRecord e : ShardReader.read(TestShards.current(root, DatasetLayout.EPISODES).get(0))) {
            assertEquals(after.files().stream().filter(f -> f.table().equals("steps")).findFirst().orElseThrow().path(),
                    e.get("file").toString());
        }
        assertEquals(List.of(), DatasetInspector.open(store).overview(true).fileIssues());
        assertFalse(Compaction.compact(store, TestShards.DAY, BIG).committed(), "one shard left: nothing to merge");
    }

    @Test
    void aTargetBelowThePartitionGivesSeveralShardsOfWholeEpisodes() throws Exception {
        Store store = Store.local(root);
        List<TestShards.Shard> shards = shards(store, slices(12), "0");
        PartitionLog log = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
        long bytes = 0;
        for (TestShards.Shard s : shards) {
            log.commit(TestShards.append(s));
            bytes += s.files().get(0).sizeBytes();
        }
        List<String> steps = TestShards.rows(TestShards.current(root, DatasetLayout.STEPS), STEPS, "episode_id, step_index");
        // Sources below half the target: each file is under bytes/12, the target a third of the partition.
        Compaction.Result r = Compaction.compact(store, TestShards.DAY,
                new Compaction.Settings(bytes / 3, 128L << 20, Duration.ofHours(1)));
        assertTrue(r.committed());
        assertTrue(r.shardsWritten() >= 2 && r.shardsWritten() <= 4, r.toString());
        assertEquals(steps, TestShards.rows(TestShards.current(root, DatasetLayout.STEPS), STEPS, "episode_id, step_index"));
        assertEquals(List.of(), DatasetInspector.open(store).overview(true).fileIssues(),
                "no episode in two files, nothing twice, every file as the manifest says");
    }

    @Test
    void compactionConcurrentWithAppendsLosesNothingAndPublishesNothingTwice() throws Exception {
        Store store = Store.local(root);
        List<List<Episode>> slices = slices(24);
        List<TestShards.Shard> first = shards(store, slices.subList(0, 12), "0");
        List<TestShards.Shard> later = shards(store, slices.subList(12, 24), "1");
        PartitionLog log = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
        for (TestShards.Shard s : first) {
            log.commit(TestShards.append(s));
        }
        List<Path> all = new ArrayList<>(files(first, 0));
        all.addAll(files(later, 0));
        List<String> expected = TestShards.rows(all, STEPS, "episode_id, step_index");
        List<Path> allEpisodes = new ArrayList<>(files(first, 1));
        allEpisodes.addAll(files(later, 1));
        List<String> expectedEpisodes = TestShards.rows(allEpisodes, EPISODES, "episode_id");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> appends = pool.submit(() -> {
            PartitionLog other = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
            for (TestShards.Shard s : later) {
                other.commit(TestShards.append(s));
                other.commit(TestShards.append(s)); // a retried commit: a no-op
            }
            return null;
        });
        Future<Compaction.Result> compaction = pool.submit(() -> Compaction.compact(store, TestShards.DAY, BIG));
        appends.get();
        Compaction.Result r = compaction.get();
        pool.shutdown();

        assertTrue(r.committed(), r.toString());
        assertEquals(expected, TestShards.rows(TestShards.current(root, DatasetLayout.STEPS), STEPS,
                "episode_id, step_index"), "every step once");
        assertEquals(expectedEpisodes, TestShards.rows(TestShards.current(root, DatasetLayout.EPISODES), EPISODES,
                "episode_id"), "every episode once");
        Manifest m = log.current().manifest();
        assertEquals(expected.size(), m.totals().steps());
        assertEquals(List.of(), DatasetInspector.open(store).overview(true).fileIssues());
    }

    @Test
    void compactionAndErasureAtOnceEndWithTheRowsOfEveryoneElseOnceAndNoneOfThePerson() throws Exception {
        // Whichever commits first, the other retries: an erasure rewrites the merged shard, or a compaction
        // whose sources the erasure replaced is aborted and merges again from the newer manifest.
        Store store = Store.local(root);
        List<List<Episode>> slices = slices(12);
        String gone = slices.get(0).get(0).user();
        List<TestShards.Shard> shards = shards(store, slices, "0");
        PartitionLog log = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
        for (TestShards.Shard s : shards) {
            log.commit(TestShards.append(s));
        }
        List<String> expected = TestShards.rows(files(shards, 0), STEPS, "episode_id, step_index").stream()
                .filter(r -> !r.contains("user=" + gone + " ")).toList();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Compaction.Result> compaction = pool.submit(() -> Compaction.compact(store, TestShards.DAY, BIG));
        Future<Erasure.Result> erasure = pool.submit(() -> Erasure.erase(store, gone, null, Duration.ofHours(1)));
        Erasure.Result e = erasure.get();
        compaction.get();
        pool.shutdown();

        assertTrue(e.matched(), e.toString());
        assertEquals(expected, TestShards.rows(TestShards.current(root, DatasetLayout.STEPS), STEPS,
                "episode_id, step_index"));
        Manifest m = log.current().manifest();
        assertFalse(m.files().stream().anyMatch(f -> TestShards.people(store, TestShards.DAY, f).contains(gone)));
        assertEquals(expected.size(), m.totals().steps());
        assertEquals(List.of(), DatasetInspector.open(store).overview(true).fileIssues());
    }

    @Test
    void filesTheFilterRefusesAreLeftAloneAsTheNightlyBuildLeavesItsOwn() throws Exception {
        Store store = Store.local(root);
        PartitionLog log = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
        List<List<Episode>> slices = slices(6);
        List<TestShards.Shard> own = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            own.add(TestShards.write(store, work, "part-nightly1-" + i + ".parquet", slices.get(i)));
        }
        List<TestShards.Shard> streamed = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            streamed.add(TestShards.write(store, work, "part-sabc-" + i + ".parquet", slices.get(i)));
        }
        for (TestShards.Shard s : own) {
            log.commit(TestShards.append(s));
        }
        for (TestShards.Shard s : streamed) {
            log.commit(TestShards.append(s));
        }
        List<String> steps = TestShards.rows(TestShards.current(root, DatasetLayout.STEPS), STEPS, "episode_id, step_index");

        Compaction.Result r = Compaction.compact(store, TestShards.DAY, BIG, name -> !name.startsWith("part-nightly1-"));

        assertEquals(new Compaction.Result(TestShards.DAY, 12, 8, 3, 1, true), r);
        var names = log.current().files();
        for (TestShards.Shard s : own) {
            s.files().forEach(f -> assertTrue(names.contains(f.path()), f.path() + " kept as it was"));
        }
        for (TestShards.Shard s : streamed) {
            s.files().forEach(f -> assertFalse(names.contains(f.path()), f.path() + " merged"));
        }
        assertEquals(steps, TestShards.rows(TestShards.current(root, DatasetLayout.STEPS), STEPS, "episode_id, step_index"));
    }
}
