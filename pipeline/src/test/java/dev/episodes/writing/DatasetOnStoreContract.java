package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.OutputLayout;
import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.inspect.DatasetInspector;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.SampleEpisodes;
import dev.episodes.testing.TestKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same end-to-end runs on a local folder and on the store under test (local, S3, HDFS): a replay, the
 * streaming commits with the store gone mid-commit and a restore, a rebuild while streaming appends to the
 * same day, a compaction and an erasure concurrent with streaming appends. Each ends with exactly the rows
 * of the same run on a local folder, read back through {@link ShardReader} over the store, and with every
 * data file under a partition named by the current manifest or retired, no temp file anywhere.
 */
abstract class DatasetOnStoreContract {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Duration GRACE = Duration.ofHours(24);
    /**
     * Episodes in one late streamed shard: a handful of shards, not one an episode (staging a shard's three
     * small files through Flink's S3 file system takes about 3 s against S3Proxy here; a commit 50 ms).
     */
    static final int LATE_SHARD = 12;
    static final int STREAM_SLICES = 5;
    /** Compaction and erasure: FIRST shards committed, the rest of SLICES appended while they run. */
    static final int SLICES = 8;
    static final int FIRST = 5;
    static final Map<String, Object> STREAM_INPUT = Map.of("kind", "kafka");

    @TempDir
    Path tmp;

    /** The URI (or path) of a fresh, empty dataset root on the store under test. */
    abstract String freshRoot() throws Exception;

    /** Takes the store away in the middle of a commit (the server stopped, the datanode gone). */
    abstract void storeGone() throws Exception;

    /** Brings it back. */
    abstract void storeBack() throws Exception;

    static String freshKey() {
        return "ds-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Store localStore(String name) throws IOException {
        return Store.local(Files.createDirectories(tmp.resolve("local-" + name)));
    }

    // ---- 1. replay

    @Test
    void anArchiveReplayEqualsTheLocalReplay() throws Exception {
        Path input = tmp.resolve("activity.jsonl");
        Corpus.write(input, GeneratorSettings.of(4, Duration.ofMinutes(20), 11).withDuplicateRate(0.05)
                .withMalformedRate(0.004));
        PipelineConfig config = PipelineConfig.defaults().withParallelism(2);
        Path localRoot = tmp.resolve("replay-local");
        RunSummary local = new ArchiveReplay(input, localRoot.toString(), config, TestKey.KEY).run(Flink.env(),
                Progress.NONE);
        String root = freshRoot();
        RunSummary remote = new ArchiveReplay(input, root, config, TestKey.KEY).run(Flink.env(), Progress.NONE);
        Store store = Store.of(root);
        Store reference = Store.local(localRoot);

        assertEquals(local.recordsRead(), remote.recordsRead());
        assertEquals(local.deadLetterTotal(), remote.deadLetterTotal());
        assertTrue(remote.accountedFor());
        assertEquals(RebuildBase.partitions(reference), RebuildBase.partitions(store));
        List<String> steps = rows(store, DatasetLayout.STEPS, true);
        assertFalse(steps.isEmpty());
        assertEquals(rows(reference, DatasetLayout.STEPS, true), steps, "steps row for row, file names too");
        assertEquals(rows(reference, DatasetLayout.EPISODES, true), rows(store, DatasetLayout.EPISODES, true),
                "episodes row for row");
        for (String p : RebuildBase.partitions(store)) {
            assertTrue(store.exists(p + "/" + DatasetLayout.SUCCESS), p + " complete");
            assertEquals(manifest(reference, p).totals(), manifest(store, p).totals(), p);
        }
        assertClean(store);
        assertClean(reference);
    }

    // ---- 2. streaming commits, the store gone mid-commit, a restore

    /**
     * Attempt 0 commits checkpoints 0 and 1, stages checkpoint 2 and (with {@code failure}) loses the store in
     * the middle of its commit, stages checkpoint 3 and dies. Attempt 1, restored from checkpoint 2, commits
     * what checkpoint 2 and the ones before held again (as a Flink committer does), removes the dead attempt's
     * orphan, and commits the rest under its own names.
     */
    void stream(Store store, boolean failure) throws Exception {
        List<List<Episode>> slices = TestShards.slices(STREAM_SLICES);
        ShardPublisher attempt0 = new ShardPublisher(store, STREAM_INPUT, "k", OutputLayout.DEFAULT, null, GRACE);
        List<StagedShard> committed = new ArrayList<>();
        for (int cp = 0; cp < 2; cp++) {
            for (StagedShard s : stage(attempt0, "s0", cp, slices.get(cp))) {
                assertTrue(attempt0.publish(s).committed());
                committed.add(s);
            }
        }
        List<StagedShard> pending = stage(attempt0, "s0", 2, slices.get(2));
        if (failure) {
            StagedShard first = pending.get(0);
            PartitionLog.Change goneMidCommit = cur -> {
                try {
                    storeGone(); // after the commit read the current version, before it writes the next one
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
                return attempt0.append(first).apply(cur);
            };
            assertThrows(IOException.class, () -> new PartitionLog(store, first.partition(), GRACE).commit(goneMidCommit));
            storeBack();
            for (StagedShard s : committed) {
                assertTrue(new PartitionLog(store, s.partition(), GRACE).current().files().contains(s.files().get(0).path()),
                        "what was committed before the failure is there");
            }
            assertFalse(new PartitionLog(store, first.partition(), GRACE).current().files()
                    .contains(first.files().get(0).path()), "nothing of the failed commit was published");
        }
        List<StagedShard> orphans = stage(attempt0, "s0", 3, slices.get(3)); // written, never committed: it died

        ShardPublisher attempt1 = new ShardPublisher(store, STREAM_INPUT, "k", OutputLayout.DEFAULT, null, GRACE);
        for (StagedShard s : committed) {
            assertFalse(attempt1.publish(s).committed(), "a commit repeated after the restore is a no-op");
        }
        for (StagedShard s : pending) {
            assertTrue(attempt1.publish(s).committed(), "the restored checkpoint's commit");
            assertFalse(attempt1.publish(s).committed(), "and again: a no-op");
        }
        List<String> removed = attempt1.removeOrphans(Duration.ZERO, System.currentTimeMillis() + 1000);
        for (StagedShard s : orphans) {
            for (Manifest.FileEntry f : s.files()) {
                assertTrue(removed.contains(s.partition() + "/" + f.path()), "orphan removed: " + f.path() + " " + removed);
            }
        }
        for (int cp = 3; cp < slices.size(); cp++) {
            for (StagedShard s : stage(attempt1, "s1", cp, slices.get(cp))) {
                assertTrue(attempt1.publish(s).committed());
            }
        }
    }

    /** One shard per date of the episodes, named as the streaming sink names them. */
    static List<StagedShard> stage(ShardPublisher p, String attempt, int checkpoint, List<Episode> episodes)
            throws IOException {
        Map<LocalDate, List<Episode>> byDate = episodes.stream().collect(Collectors.groupingBy(
                e -> DatasetLayout.dateOf(e.startTsUs()), TreeMap::new, Collectors.toList()));
        List<StagedShard> out = new ArrayList<>();
        for (Map.Entry<LocalDate, List<Episode>> d : byDate.entrySet()) {
            out.add(p.stage(attempt, "part-" + attempt + "-" + checkpoint + "-0-0.parquet", d.getKey(), d.getValue()));
        }
        return out;
    }

    @Test
    void streamingWithTheStoreGoneMidCommitAndARestoreEndsWithTheLocalResult() throws Exception {
        Store reference = localStore("stream");
        stream(reference, false);
        Store store = Store.of(freshRoot());
        stream(store, true);

        List<String> steps = rows(store, DatasetLayout.STEPS, true);
        long expectedSteps = TestShards.slices(STREAM_SLICES).stream().flatMap(List::stream).mapToLong(e -> e.steps().size()).sum();
        assertEquals(expectedSteps, steps.size(), "every step once");
        assertEquals(rows(reference, DatasetLayout.STEPS, true), steps, "steps row for row");
        assertEquals(rows(reference, DatasetLayout.EPISODES, true), rows(store, DatasetLayout.EPISODES, true));
        for (String p : RebuildBase.partitions(store)) {
            assertEquals(manifest(reference, p).totals(), manifest(store, p).totals(), p);
            assertEquals(manifest(reference, p).stepsByAction(), manifest(store, p).stepsByAction(), p);
        }
        assertClean(store);
    }

    // ---- 3. a rebuild of a day while the streaming job appends to it

    List<Episode> day() throws Exception {
        List<Episode> all = SampleEpisodes.of(GeneratorSettings.of(6, Duration.ofMinutes(40), 17));
        LocalDate d = DatasetLayout.dateOf(all.get(0).startTsUs());
        List<Episode> ofDay = all.stream().filter(e -> DatasetLayout.dateOf(e.startTsUs()).equals(d)).toList();
        assertTrue(ofDay.size() >= 30, "enough episodes: " + ofDay.size());
        return ofDay;
    }

    /** As RebuildWhileStreamingTest, on any store: returns the partition. */
    String rebuildWhileStreaming(Store store, List<Episode> episodes, Path work) throws Exception {
        String partition = DatasetLayout.partition(DatasetLayout.dateOf(episodes.get(0).startTsUs()));
        LocalDate date = LocalDate.parse(partition.substring(3));
        ShardPublisher stream = new ShardPublisher(store, STREAM_INPUT, "k", OutputLayout.DEFAULT, null, GRACE);
        int n = episodes.size();
        List<Episode> early = episodes.subList(0, n / 3);
        List<Episode> rebuiltToo = episodes.subList(n / 3, n / 3 + 4);
        List<Episode> late = episodes.subList(n / 3 + 4, n);

        stream.publish(stream.stage("t", "part-s0-0-0.parquet", date, early));
        RebuildBase base = RebuildBase.read(store);
        List<Episode> rebuildInput = new ArrayList<>(early);
        rebuildInput.addAll(rebuiltToo);
        List<Episode> mixed = new ArrayList<>(rebuiltToo);
        mixed.addAll(late.subList(0, 3));
        stream.publish(stream.stage("t", "part-s0-0-1.parquet", date, mixed));
        Path local = Files.createDirectories(work.resolve("part-run1-0.parquet"));
        ShardStats stats = new ShardWriter(OutputLayout.DEFAULT).write(local.resolve(partition), local.resolve("audit"),
                "part-run1-0.parquet", rebuildInput);
        StagedShard rebuilt = ShardFiles.upload(store, partition, local.resolve(partition), local.resolve("audit"), stats);

        List<Episode> rest = late.subList(3, late.size());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Future<?> streaming = pool.submit(() -> {
            go.await();
            for (int i = 0; i < rest.size(); i += LATE_SHARD) { // a few episodes a checkpoint
                StagedShard s = stream.stage("t", "part-s1-0-" + i + ".parquet", date,
                        rest.subList(i, Math.min(rest.size(), i + LATE_SHARD)));
                stream.publish(s);
                stream.publish(s); // a retried commit after a restore: no-op
            }
            return null;
        });
        Future<CommitSummary> rebuilding = pool.submit(() -> {
            go.await();
            return new DatasetCommitter(store, "run1", GRACE).commit(List.of(rebuilt), base,
                    Map.of("kind", "archive"), "k", Map.of(), List.of(), 0);
        });
        go.countDown();
        streaming.get();
        rebuilding.get();
        pool.shutdown();
        return partition;
    }

    @Test
    void aRebuildWhileStreamingAppendsToTheDayLosesNothingKeepsLateEpisodesAndEqualsTheLocalResult() throws Exception {
        List<Episode> episodes = day();
        Store reference = localStore("rebuild");
        rebuildWhileStreaming(reference, episodes, Files.createDirectories(tmp.resolve("w-local")));
        Store store = Store.of(freshRoot());
        String partition = rebuildWhileStreaming(store, episodes, Files.createDirectories(tmp.resolve("w-store")));

        Manifest m = manifest(store, partition);
        Map<String, Integer> seen = new HashMap<>();
        long steps = 0;
        for (Manifest.FileEntry f : m.files()) {
            String key = partition + "/" + f.path();
            assertTrue(store.exists(key), key);
            assertEquals(f.sizeBytes(), store.size(key), key);
            if (f.table().equals(DatasetLayout.STEPS)) {
                Set<String> ids = new TreeSet<>();
                for (GenericRecord r : ShardReader.read(store, key)) {
                    ids.add(String.valueOf(r.get("episode_id")));
                    steps++;
                }
                ids.forEach(id -> seen.merge(id, 1, Integer::sum));
                assertEquals(f.episodeCount(), ids.size(), f.path());
            } else {
                for (GenericRecord r : ShardReader.read(store, key)) {
                    assertEquals(f.path().replace("episodes/", "steps/"), String.valueOf(r.get("file")));
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        episodes.forEach(e -> expected.add(e.episodeId()));
        assertEquals(expected, seen.keySet(), "nothing lost: every rebuilt and every late episode is there");
        assertTrue(seen.values().stream().allMatch(c -> c == 1), "nothing twice: " + seen);
        assertEquals(episodes.stream().mapToLong(e -> e.steps().size()).sum(), steps);
        assertEquals(episodes.size(), m.totals().episodes());
        assertEquals(steps, m.totals().steps());
        List<String> names = m.files().stream().map(Manifest.FileEntry::path).toList();
        assertTrue(names.contains("steps/part-run1-0.parquet"), "the rebuild's copy of the day");
        assertFalse(names.contains("steps/part-s0-0-0.parquet"), "what the day held at the start is replaced");
        assertFalse(names.contains("steps/part-s0-0-1.parquet"), "a kept file holding rebuilt episodes is rewritten");

        // The rebuild's copy and the streamed copy of an episode differ only in the file they name.
        assertEquals(rows(reference, DatasetLayout.STEPS, false), rows(store, DatasetLayout.STEPS, false),
                "steps row for row");
        assertEquals(rows(reference, DatasetLayout.EPISODES, false), rows(store, DatasetLayout.EPISODES, false),
                "episodes row for row");
        // not bytes: the rewritten kept shard's random name suffix is in its rows and compresses differently
        Manifest.Totals ref = manifest(reference, partition).totals();
        assertEquals(List.of(ref.files(), ref.steps(), ref.episodes()),
                List.of(m.totals().files(), m.totals().steps(), m.totals().episodes()));
        assertEquals(manifest(reference, partition).stepsByAction(), m.stepsByAction());
        assertClean(store);
        assertClean(reference);
    }

    /**
     * Redaction counts of the files a rebuild keeps: the late shards committed before the rebuild commits are
     * kept (one rewritten without the rebuilt episodes), and the partition's counts by kind must still be
     * one per redaction, as ShardWriter counts them, whatever order the commits land in.
     */
    @Test
    void aRebuildKeepingLateShardsKeepsTheirRedactionCounts() throws Exception {
        List<Episode> episodes = day();
        Store store = Store.of(freshRoot());
        String partition = DatasetLayout.partition(DatasetLayout.dateOf(episodes.get(0).startTsUs()));
        LocalDate date = LocalDate.parse(partition.substring(3));
        ShardPublisher stream = new ShardPublisher(store, STREAM_INPUT, "k", OutputLayout.DEFAULT, null, GRACE);
        int n = episodes.size();
        stream.publish(stream.stage("t", "part-s0-0-0.parquet", date, episodes.subList(0, n / 2)));
        RebuildBase base = RebuildBase.read(store);
        // late: one shard mixing two rebuilt episodes with late ones, then one late episode a shard
        stream.publish(stream.stage("t", "part-s0-1-0.parquet", date, episodes.subList(n / 2 - 2, n / 2 + 4)));
        for (int i = n / 2 + 4; i < n; i += LATE_SHARD) {
            stream.publish(stream.stage("t", "part-s0-2-" + i + ".parquet", date,
                    episodes.subList(i, Math.min(n, i + LATE_SHARD))));
        }
        Path local = Files.createDirectories(tmp.resolve("counts"));
        ShardStats stats = new ShardWriter(OutputLayout.DEFAULT).write(local.resolve(partition), local.resolve("audit"),
                "part-run2-0.parquet", episodes.subList(0, n / 2));
        StagedShard rebuilt = ShardFiles.upload(store, partition, local.resolve(partition), local.resolve("audit"), stats);
        new DatasetCommitter(store, "run2", GRACE).commit(List.of(rebuilt), base, Map.of("kind", "archive"), "k",
                Map.of(), List.of(), 0);

        Map<String, Long> expected = new TreeMap<>();
        episodes.forEach(e -> e.steps().forEach(s -> s.redactions().forEach(r -> expected.merge(r.kind(), 1L, Long::sum))));
        Manifest m = manifest(store, partition);
        assertEquals(episodes.size(), m.totals().episodes());
        assertEquals(expected, m.redactionsByKind(), "one count per redaction, as the streamed shards were counted");
    }

    // ---- 4. a compaction and an erasure concurrent with streaming appends

    record Erased(String gone, Set<String> goneEpisodes, Compaction.Result compaction, Erasure.Result erasure) {}

    /** FIRST shards committed; then the rest of SLICES appended (retried) while a compaction and an erasure of one person run. */
    Erased compactAndEraseWhileStreaming(Store store, Path work) throws Exception {
        List<List<Episode>> slices = TestShards.slices(SLICES);
        String gone = slices.get(0).get(0).user();
        PartitionLog log = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
        Set<String> goneEpisodes = new HashSet<>();
        for (int i = 0; i < FIRST; i++) {
            log.commit(TestShards.append(TestShards.write(store, work, "part-s0-" + i + ".parquet", slices.get(i))));
            slices.get(i).stream().filter(e -> e.user().equals(gone)).forEach(e -> goneEpisodes.add(e.episodeId()));
        }
        // What the streaming job adds meanwhile: everyone else's episodes (the person's are revoked upstream).
        List<TestShards.Shard> later = new ArrayList<>();
        for (int i = FIRST; i < SLICES; i++) {
            later.add(TestShards.write(store, work, "part-s1-" + i + ".parquet",
                    slices.get(i).stream().filter(e -> !e.user().equals(gone)).toList()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        Future<?> appends = pool.submit(() -> {
            go.await();
            PartitionLog other = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
            for (TestShards.Shard s : later) {
                other.commit(TestShards.append(s));
                other.commit(TestShards.append(s)); // a retried commit: a no-op
            }
            return null;
        });
        Future<Compaction.Result> compaction = pool.submit(() -> {
            go.await();
            return Compaction.compact(store, TestShards.DAY, CompactionTest.BIG);
        });
        Future<Erasure.Result> erasure = pool.submit(() -> {
            go.await();
            return Erasure.erase(store, gone, null, Duration.ofHours(1));
        });
        go.countDown();
        appends.get();
        Erasure.Result e = erasure.get();
        Compaction.Result c = compaction.get();
        pool.shutdown();
        return new Erased(gone, goneEpisodes, c, e);
    }

    @Test
    void aCompactionAndAnErasureConcurrentWithStreamingAppendsEndWithEveryoneElseOnceAndEqualTheLocalResult()
            throws Exception {
        Store reference = localStore("compact");
        Erased local = compactAndEraseWhileStreaming(reference, Files.createDirectories(tmp.resolve("c-local")));
        Store store = Store.of(freshRoot());
        Erased remote = compactAndEraseWhileStreaming(store, Files.createDirectories(tmp.resolve("c-store")));

        assertTrue(remote.erasure().matched() && remote.erasure().stepsRemoved() > 0
                && remote.erasure().episodesRemoved() == remote.goneEpisodes().size(), remote.erasure().toString());
        // Everyone else's steps: the 16 slices minus the person, computed from the episodes themselves.
        long expectedSteps = TestShards.slices(SLICES).stream().flatMap(List::stream)
                .filter(e -> !e.user().equals(remote.gone())).mapToLong(e -> e.steps().size()).sum();
        List<String> steps = rows(store, DatasetLayout.STEPS, true);
        assertEquals(expectedSteps, steps.size(), "everyone else's steps once each");
        assertEquals(steps.size(), new HashSet<>(steps).size(), "nothing twice");
        assertTrue(steps.stream().noneMatch(r -> r.contains("user=" + remote.gone() + ",")), "the person's none");
        List<String> episodes = rows(store, DatasetLayout.EPISODES, false);
        assertTrue(episodes.stream().noneMatch(r -> r.contains("user=" + remote.gone() + ",")), "the person's none");
        assertEquals(rows(reference, DatasetLayout.STEPS, false), rows(store, DatasetLayout.STEPS, false),
                "steps row for row");
        assertEquals(rows(reference, DatasetLayout.EPISODES, false), episodes, "episodes row for row");
        Manifest m = manifest(store, TestShards.DAY);
        assertEquals(expectedSteps, m.totals().steps());
        assertEquals(manifest(reference, TestShards.DAY).totals().episodes(), m.totals().episodes());
        assertFalse(m.files().stream().anyMatch(f -> TestShards.people(store, TestShards.DAY, f).contains(remote.gone())));
        for (String a : m.audit()) {
            for (String line : new String(store.read(a).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8)
                    .split("\n")) {
                if (!line.isBlank()) {
                    String episode = Json.MAPPER.readTree(line).get("episode_id").asText();
                    assertFalse(remote.goneEpisodes().contains(episode), "the person's audit lines are gone: " + a);
                }
            }
        }
        assertEquals(1, Erasure.records(store).size());
        assertEquals(List.of(), DatasetInspector.open(store).overview(true).fileIssues());
        assertClean(store);
        assertClean(reference);
        System.out.printf("%s: compaction %s, erasure %s%n", getClass().getSimpleName(), remote.compaction(),
                remote.erasure());
    }

    // ---- reading back

    static Manifest manifest(Store store, String partition) throws IOException {
        return new PartitionLog(store, partition, GRACE).current().manifest();
    }

    /**
     * Every row of a table the current manifests name, read through {@link ShardReader} over the store, one
     * string a row ({@code name=value,} per column, the {@code file} column only when asked), sorted.
     */
    static List<String> rows(Store store, String table, boolean withFile) throws IOException {
        List<String> out = new ArrayList<>();
        for (String p : RebuildBase.partitions(store)) {
            Manifest m = manifest(store, p);
            if (m == null) {
                continue;
            }
            for (Manifest.FileEntry f : m.files()) {
                if (!f.table().equals(table)) {
                    continue;
                }
                for (GenericRecord r : ShardReader.read(store, p + "/" + f.path())) {
                    StringBuilder b = new StringBuilder(p).append(' ');
                    for (Schema.Field field : r.getSchema().getFields()) {
                        if (withFile || !field.name().equals("file")) {
                            b.append(field.name()).append('=').append(r.get(field.name())).append(',');
                        }
                    }
                    out.add(b.toString());
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Every file under a partition's steps/ and episodes/ is named by its current manifest or retired; no
     * temp file under a partition, its manifests or the audit folder; no staging folder.
     */
    static void assertClean(Store store) throws IOException {
        for (String p : RebuildBase.partitions(store)) {
            Manifest m = manifest(store, p);
            Set<String> named = new HashSet<>();
            if (m != null) {
                m.files().forEach(f -> named.add(p + "/" + f.path()));
                m.retired().forEach(r -> named.add(r.path()));
            }
            for (String dir : List.of(p + "/" + DatasetLayout.STEPS, p + "/" + DatasetLayout.EPISODES)) {
                for (StoreEntry e : store.list(dir)) {
                    String key = dir + "/" + e.name();
                    assertFalse(e.name().endsWith(".tmp"), "a temp file: " + key);
                    assertTrue(e.directory() || named.contains(key), "unreferenced: " + key + " in " + store);
                }
            }
            for (String dir : List.of(p, p + "/_manifests", DatasetLayout.AUDIT + "/" + p)) {
                for (StoreEntry e : store.list(dir)) {
                    assertFalse(e.name().endsWith(".tmp") || e.name().startsWith(".") && !e.directory(),
                            "a temp file: " + dir + "/" + e.name());
                }
            }
        }
        assertFalse(store.exists("_staging"), "no staging folder");
    }
}
