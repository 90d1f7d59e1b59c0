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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames through everything that writes, rewrites or removes data files: streamed commits (retried
 * after a restart), compaction, erasure, a rebuild committed while streaming, retention and orphans.
 * After each, the partition's current manifest is checked with DuckDB: every non-null steps.frame_id
 * joins exactly one frames row of the same episode, each frame once, no frames row without its
 * episode's steps, the manifest's frame figures match the files, every frames file has its Image feature.
 */
class FramesDatasetTest {
    static final Map<String, Object> STREAM = Map.of("kind", "kafka");

    @TempDir
    Path root;

    /** Episodes of one day, with frames of 20x12 pixels. */
    static List<Episode> day(int people, long seed) throws Exception {
        List<Episode> all = SampleEpisodes.of(GeneratorSettings.of(people, Duration.ofMinutes(40), seed));
        LocalDate d = DatasetLayout.dateOf(all.get(0).startTsUs());
        List<Episode> ofDay = all.stream().filter(e -> DatasetLayout.dateOf(e.startTsUs()).equals(d)).toList();
        return TestFrames.withFrames(ofDay, 20, 12);
    }

    static String partitionOf(List<Episode> episodes) {
        return DatasetLayout.partition(DatasetLayout.dateOf(episodes.get(0).startTsUs()));
    }

    static LocalDate dateOf(List<Episode> episodes) {
        return DatasetLayout.dateOf(episodes.get(0).startTsUs());
    }

    ShardPublisher publisher(Store store) {
        return new ShardPublisher(store, STREAM, "k", OutputLayout.DEFAULT, null, Duration.ofHours(1));
    }

    Manifest current(Store store, String partition) throws Exception {
        return new PartitionLog(store, partition, Duration.ofHours(1)).current().manifest();
    }

    /** Checks the partition's frames against its steps; returns {frame_id -> episode_id} of the frames rows. */
    Map<String, String> check(Store store, String partition) throws Exception {
        Manifest m = current(store, partition);
        List<Path> steps = files(m, partition, DatasetLayout.STEPS);
        List<Path> frames = files(m, partition, DatasetLayout.FRAMES);
        Map<String, String> out = new TreeMap<>();
        if (frames.isEmpty()) {
            assertEquals(0, m.totals().frames());
            return out;
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String s = "read_parquet(" + list(steps) + ", filename = true)";
            String f = "read_parquet(" + list(frames) + ", filename = true)";
            long withFrame = scalar(st, "select count(*) from " + s + " where frame_id is not null");
            assertTrue(withFrame > 0);
            assertEquals(withFrame, scalar(st, "select count(*) from " + s + " x join " + f
                    + " y on x.frame_id = y.frame_id and x.episode_id = y.episode_id"), "1:1, same episode");
            assertEquals(withFrame, scalar(st, "select count(*) from " + s + " x join " + f
                    + " y on x.frame_id = y.frame_id"), "a frame_id finds no frame of another episode");
            assertEquals(0, scalar(st, "select count(*) from (select frame_id from " + f
                    + " group by frame_id having count(*) > 1)"), "each frame once in the partition");
            assertEquals(0, scalar(st, "select count(*) from " + f + " y where not exists (select 1 from " + s
                    + " x where x.frame_id = y.frame_id)"), "no frame no step uses");
            // An episode's frames sit in the frames file of the shard that holds its steps.
            assertEquals(0, scalar(st, "select count(*) from " + s + " x join " + f + " y on x.frame_id = y.frame_id"
                    + " where replace(x.filename, '/steps/', '/frames/') <> y.filename"));
            assertEquals(m.totals().frames(), scalar(st, "select count(*) from " + f));
            try (ResultSet rs = st.executeQuery("select frame_id, episode_id from " + f)) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            for (Path p : frames) {
                assertTrue(scalar(st, "select count(*) from parquet_kv_metadata('" + p + "') where decode(key) = "
                        + "'huggingface' and contains(decode(value), '\"_type\":\"Image\"')") == 1, p.toString());
            }
        }
        for (Manifest.FileEntry e : m.files()) {
            if (e.table().equals(DatasetLayout.STEPS)) {
                // The file's failed frames are its episodes' as its footer records them.
                Path file = root.resolve(partition).resolve(e.path());
                Map<String, Map<String, Long>> byEpisode = FrameFailures.read(new org.apache.parquet.io.LocalInputFile(file));
                assertEquals(FrameFailures.total(byEpisode), e.framesFailed(), e.path());
                Set<String> ids = new HashSet<>();
                ShardReader.scan(file, r -> ids.add(r.get("episode_id").toString()) || true);
                assertTrue(ids.containsAll(byEpisode.keySet()), e.path());
            }
            if (e.table().equals(DatasetLayout.FRAMES)) {
                var rows = ShardReader.read(root.resolve(partition).resolve(e.path()));
                assertEquals(e.rowCount(), rows.size(), e.path());
                assertEquals(e.episodeCount(), rows.stream().map(r -> r.get("episode_id").toString()).distinct().count(),
                        e.path() + ": episodes with a frame in it");
                assertTrue(m.files().stream().anyMatch(x -> x.table().equals(DatasetLayout.STEPS)
                        && ShardFiles.nameOf(x.path()).equals(ShardFiles.nameOf(e.path()))), "frames with their steps");
            }
        }
        return out;
    }

    List<Path> files(Manifest m, String partition, String table) {
        return m.files().stream().filter(x -> x.table().equals(table))
                .map(x -> root.resolve(partition).resolve(x.path())).toList();
    }

    static String list(List<Path> files) {
        return files.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    static long scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, String> expected(List<Episode> episodes) {
        Map<String, String> out = new TreeMap<>();
        episodes.forEach(e -> e.frames().frames().forEach(f -> out.put(f.frameId(), e.episodeId())));
        return out;
    }

    /** Publishes {@code per} episodes a shard; returns the shards. */
    List<StagedShard> stream(Store store, List<Episode> episodes, int per, String attempt) throws Exception {
        ShardPublisher p = publisher(store);
        List<StagedShard> out = new ArrayList<>();
        for (int i = 0; i * per < episodes.size(); i++) {
            List<Episode> slice = episodes.subList(i * per, Math.min(episodes.size(), (i + 1) * per));
            StagedShard s = p.stage(attempt, "part-s" + attempt + "-0-" + i + ".parquet", dateOf(episodes), slice);
            p.publish(s);
            out.add(s);
        }
        return out;
    }

    @Test
    void aStreamedCommitRetriedAfterARestartNamesEachShardsThreeFilesOnce() throws Exception {
        Store store = Store.local(root);
        List<Episode> episodes = day(2, 21);
        String partition = partitionOf(episodes);
        List<StagedShard> shards = stream(store, episodes, 5, "a");
        for (StagedShard s : shards) {
            assertEquals(List.of(DatasetLayout.STEPS, DatasetLayout.EPISODES, DatasetLayout.FRAMES),
                    s.files().stream().map(Manifest.FileEntry::table).toList());
        }
        Manifest before = current(store, partition);
        // The job restarts from its checkpoint: the committables come back from their JSON, a new
        // publisher commits them again.
        ShardPublisher restarted = publisher(store);
        for (StagedShard s : shards) {
            StagedShard restored = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(s), StagedShard.class);
            assertFalse(restarted.publish(restored).committed(), "already committed");
        }
        Manifest after = current(store, partition);
        assertEquals(before.files(), after.files());
        assertEquals(TestFrames.frames(episodes), after.totals().frames());
        assertEquals(TestFrames.failures(episodes), after.framesFailed());
        assertEquals(expected(episodes), check(store, partition));
    }

    @Test
    void compactionMergesFramesWithTheirEpisodesAndKeepsEveryFrame() throws Exception {
        Store store = Store.local(root);
        List<Episode> episodes = day(3, 22);
        String partition = partitionOf(episodes);
        stream(store, episodes, 4, "c");
        Manifest before = current(store, partition);
        long shards = before.files().stream().filter(f -> f.table().equals(DatasetLayout.FRAMES)).count();
        assertTrue(shards >= 4, shards + " frames files");

        Compaction.Result r = Compaction.compact(store, partition, CompactionTest.BIG);

        assertTrue(r.committed());
        Manifest after = current(store, partition);
        List<Manifest.FileEntry> frames = after.files().stream().filter(f -> f.table().equals(DatasetLayout.FRAMES))
                .toList();
        assertEquals(1, frames.size(), "merged into one shard: " + after.files());
        assertTrue(frames.get(0).path().startsWith("frames/compacted-"));
        assertEquals(before.totals().frames(), after.totals().frames());
        assertEquals(before.framesFailed(), after.framesFailed());
        assertEquals(TestFrames.failures(episodes), after.framesFailed());
        assertEquals(episodes.size(), frames.get(0).episodeCount());
        assertEquals(new java.util.TreeSet<>(episodes.stream().map(Episode::user).toList()),
                new java.util.TreeSet<>(TestShards.people(store, partition, frames.get(0))));
        assertEquals(expected(episodes), check(store, partition));
    }

    @Test
    void compactionRollsMergedShardsByTheirFramesSize() throws Exception {
        Store store = Store.local(root);
        List<Episode> episodes = day(3, 23);
        String partition = partitionOf(episodes);
        stream(store, episodes, 3, "r");
        long frameBytes = current(store, partition).files().stream()
                .filter(f -> f.table().equals(DatasetLayout.FRAMES)).mapToLong(Manifest.FileEntry::sizeBytes).sum();
        // Steps are far below this target; frames are not.
        Compaction.Settings settings = new Compaction.Settings(frameBytes / 3, 64 * 1024, Duration.ofHours(1));

        assertTrue(Compaction.compact(store, partition, settings).committed());

        Manifest after = current(store, partition);
        List<Manifest.FileEntry> frames = after.files().stream().filter(f -> f.table().equals(DatasetLayout.FRAMES))
                .toList();
        assertTrue(frames.size() >= 2, "rolled by frames: " + frames.size());
        assertEquals(TestFrames.failures(episodes), after.framesFailed());
        for (Manifest.FileEntry f : frames) {
            assertTrue(f.sizeBytes() <= settings.targetFileBytes() * 2, f.path() + ": " + f.sizeBytes());
        }
        assertEquals(expected(episodes), check(store, partition));
    }

    @Test
    void erasureRemovesThePersonsFramesAndNobodyElses() throws Exception {
        Store store = Store.local(root);
        List<Episode> episodes = day(3, 24);
        String partition = partitionOf(episodes);
        stream(store, episodes, 6, "e");
        String gone = episodes.get(0).user();
        List<Episode> kept = episodes.stream().filter(e -> !e.user().equals(gone)).toList();
        assertTrue(kept.size() < episodes.size() && !kept.isEmpty());

        Erasure.Result r = Erasure.erase(store, gone, null, Duration.ZERO);

        assertTrue(r.matched());
        Manifest m = current(store, partition);
        assertEquals(TestFrames.frames(kept), m.totals().frames());
        assertEquals(TestFrames.failures(kept), m.framesFailed(), "their failed frames went with their steps");
        assertEquals(expected(kept), check(store, partition));
        for (Manifest.FileEntry f : m.files()) {
            assertFalse(TestShards.people(store, partition, f).contains(gone), f.path());
        }
        // Nothing of theirs is left in any frames file under the partition, named or not.
        Set<String> theirs = new HashSet<>();
        episodes.stream().filter(e -> e.user().equals(gone)).forEach(e -> theirs.add(e.episodeId()));
        try (Stream<Path> all = Files.walk(root.resolve(partition).resolve(DatasetLayout.FRAMES))) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                for (var row : ShardReader.read(p)) {
                    assertFalse(theirs.contains(row.get("episode_id").toString()), p.toString());
                }
            }
        }
    }

    @Test
    void aRebuildCommittedWhileStreamingKeepsEachEpisodesFramesOnce(@TempDir Path tmp) throws Exception {
        Store store = Store.local(root);
        List<Episode> episodes = day(3, 25);
        String partition = partitionOf(episodes);
        int n = episodes.size();
        List<Episode> early = episodes.subList(0, n / 3);
        List<Episode> rebuiltToo = episodes.subList(n / 3, n / 3 + 3);
        List<Episode> late = episodes.subList(n / 3 + 3, n);
        ShardPublisher p = publisher(store);
        p.publish(p.stage("t", "part-s0-0-0.parquet", dateOf(episodes), early));
        RebuildBase base = RebuildBase.read(store);
        List<Episode> mixed = new ArrayList<>(rebuiltToo);
        mixed.addAll(late);
        p.publish(p.stage("t", "part-s0-0-1.parquet", dateOf(episodes), mixed)); // after the rebuild started
        List<Episode> rebuildInput = new ArrayList<>(early);
        rebuildInput.addAll(rebuiltToo);
        Path local = Files.createDirectories(tmp.resolve("build"));
        ShardStats s = new ShardWriter(OutputLayout.DEFAULT).write(local.resolve(partition), local.resolve("audit"),
                "part-run1-0.parquet", rebuildInput);
        StagedShard rebuilt = ShardFiles.upload(store, partition, local.resolve(partition), local.resolve("audit"), s);

        new DatasetCommitter(store, "run1", Duration.ofHours(1)).commit(List.of(rebuilt), base,
                Map.of("kind", "archive"), "k", Map.of(), List.of(), 0);

        Manifest m = current(store, partition);
        List<String> frames = m.files().stream().filter(f -> f.table().equals(DatasetLayout.FRAMES))
                .map(Manifest.FileEntry::path).toList();
        assertEquals(2, frames.size(), "the rebuilt shard's and the late shard's: " + frames);
        assertTrue(frames.contains("frames/part-run1-0.parquet"), frames.toString());
        assertTrue(frames.stream().anyMatch(f -> f.startsWith("frames/part-s0-0-1-")),
                "the late shard rewritten without the rebuilt episodes, under a new name: " + frames);
        assertEquals(TestFrames.frames(episodes), m.totals().frames());
        assertEquals(TestFrames.failures(episodes), m.framesFailed(), "the rebuilt episodes' failures counted once");
        assertEquals(expected(episodes), check(store, partition));
    }

    @Test
    void aBoundedBuildSpillingFramesToDiskPublishesThemAndARerunReusesTheSameBytes() throws Exception {
        Store store = Store.local(root);
        List<Episode> episodes = day(3, 28);
        String partition = partitionOf(episodes);
        // Few steps in memory: the episodes (frames included) go through sorted runs on disk.
        OutputLayout layout = new OutputLayout(OutputLayout.DEFAULT.targetFileBytes(),
                OutputLayout.DEFAULT.rowGroupBytes(), 50, OutputLayout.DEFAULT.splits());
        Manifest first = null;
        for (int run = 0; run < 2; run++) {
            RebuildBase base = RebuildBase.read(store);
            List<StagedShard> shards;
            try (StagedPartitions w = new StagedPartitions(store, base, "b1", 0, 1, layout)) {
                List<Episode> shuffled = new ArrayList<>(episodes);
                java.util.Collections.shuffle(shuffled, new java.util.Random(run));
                for (Episode e : shuffled) {
                    w.add(e);
                }
                shards = w.finish();
            }
            CommitSummary summary = new DatasetCommitter(store, "b1", Duration.ofHours(1)).commit(shards, base,
                    Map.of("kind", "archive"), "k", Map.of(), List.of(), 0);
            assertEquals(TestFrames.frames(episodes), summary.frames());
            assertEquals(TestFrames.failures(episodes), summary.framesFailed());
            Manifest m = current(store, partition);
            if (first == null) {
                first = m;
            } else {
                assertEquals(first.files(), m.files(), "the same input makes the same bytes, frames included");
                assertEquals(first.version(), m.version(), "and commits nothing new");
            }
        }
        assertEquals(TestFrames.frames(episodes), first.totals().frames());
        assertEquals(TestFrames.failures(episodes), first.framesFailed());
        assertEquals(expected(episodes), check(store, partition));
    }

    @Test
    void retentionEmptiesFramesAndDeletesTheirFiles() throws Exception {
        Store store = Store.local(root);
        List<Episode> episodes = day(2, 26);
        String partition = partitionOf(episodes);
        stream(store, episodes, 5, "x");
        assertTrue(Files.list(root.resolve(partition).resolve(DatasetLayout.FRAMES)).findAny().isPresent());

        assertEquals(List.of(partition), Retention.expire(store, dateOf(episodes).plusDays(1), Duration.ZERO));

        Manifest m = current(store, partition);
        assertEquals(0, m.totals().frames());
        assertEquals(Map.of(), m.framesFailed());
        try (Stream<Path> left = Files.walk(root.resolve(partition))) {
            assertEquals(List.of(), left.filter(x -> x.toString().contains("/" + DatasetLayout.FRAMES + "/")
                    && Files.isRegularFile(x)).toList());
        }
    }

    @Test
    void theFramesFileOfAnAttemptThatNeverCommittedIsAnOrphan() throws Exception {
        Store store = Store.local(root);
        List<Episode> episodes = day(1, 27);
        ShardPublisher p = publisher(store);
        StagedShard committed = p.stage("a1", "part-sa1-0-0.parquet", dateOf(episodes), episodes.subList(0, 2));
        p.publish(committed);
        StagedShard orphan = p.stage("b2", "part-sb2-0-0.parquet", dateOf(episodes), episodes.subList(2, 4));
        assertTrue(orphan.keys().stream().anyMatch(k -> k.contains("/frames/")));

        List<String> removed = p.removeOrphans(Duration.ofHours(1), System.currentTimeMillis()
                + Duration.ofHours(2).toMillis());

        assertEquals(new java.util.TreeSet<>(orphan.keys()), new java.util.TreeSet<>(removed));
        for (String k : committed.keys()) {
            assertTrue(Files.exists(root.resolve(k)), k);
        }
    }
}
