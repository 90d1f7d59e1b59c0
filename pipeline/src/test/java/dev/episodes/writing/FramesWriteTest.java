package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.split.Splits;
import dev.episodes.testing.SampleEpisodes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frames file of a shard (episodes.md 1.1), written by the real writers and read back by parquet-java and DuckDB. */
class FramesWriteTest {

    static List<Episode> sample(int people, int minutes, long seed) throws java.io.IOException {
        List<Episode> episodes = new ArrayList<>(SampleEpisodes.of(GeneratorSettings.of(people,
                Duration.ofMinutes(minutes), seed)));
        episodes.sort(Comparator.comparing(Episode::episodeId));
        return episodes;
    }

    @Test
    void aShardsFramesFileHoldsEachDistinctFrameOnceAndJoinsItsStepsOneToOne(@TempDir Path dir) throws Exception {
        List<Episode> episodes = TestFrames.withFrames(sample(2, 20, 3), 40, 24);
        ShardStats s = new ShardWriter(OutputLayout.DEFAULT).write(dir, dir.resolve("audit"), "part-f-0.parquet", episodes);

        assertEquals("frames/part-f-0.parquet", s.framesFile());
        assertEquals(TestFrames.frames(episodes), s.frames());
        assertEquals(TestFrames.failures(episodes), s.framesFailed());
        assertFalse(s.framesFailed().isEmpty());
        // parquet-java: episode order then frame order, the Image struct with no path, bytes that decode.
        List<GenericRecord> rows = ShardReader.read(dir.resolve(s.framesFile()));
        List<String> expected = new ArrayList<>();
        episodes.forEach(e -> e.frames().frames().forEach(f -> expected.add(e.episodeId() + "/" + f.frameId())));
        assertEquals(expected, rows.stream().map(r -> r.get("episode_id") + "/" + r.get("frame_id")).toList());
        for (GenericRecord r : rows) {
            GenericRecord image = (GenericRecord) r.get("image");
            assertNull(image.get("path"));
            ByteBuffer b = (ByteBuffer) image.get("bytes");
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            assertEquals(r.get("width"), img.getWidth());
            assertEquals(r.get("height"), img.getHeight());
            assertEquals(TestFrames.frameId(r.get("episode_id").toString(), bytes), r.get("frame_id").toString());
        }
        for (GenericRecord r : ShardReader.read(dir.resolve(s.file()))) {
            assertNull(r.get("screenshot_ref"), "1.1: the recorder's URI never reaches a steps row");
        }

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String steps = "read_parquet('" + dir.resolve(s.file()) + "')";
            String frames = "read_parquet('" + dir.resolve(s.framesFile()) + "')";
            long withFrame = episodes.stream().mapToLong(e -> e.frames().stepFrameIds().stream()
                    .filter(java.util.Objects::nonNull).count()).sum();
            assertEquals(withFrame, scalar(st, "select count(*) from " + steps + " where frame_id is not null"));
            assertEquals(withFrame, scalar(st, "select count(*) from " + steps + " s join " + frames
                    + " f on s.frame_id = f.frame_id"), "every frame_id finds exactly one frame");
            assertEquals(0, scalar(st, "select count(*) from " + steps + " s join " + frames
                    + " f on s.frame_id = f.frame_id where s.episode_id <> f.episode_id"));
            assertEquals(0, scalar(st, "select count(*) from (select frame_id from " + frames
                    + " group by frame_id having count(*) > 1)"), "each frame once");
            assertEquals(0, scalar(st, "select count(*) from " + steps + " where screenshot_ref is not null"));
            assertEquals(0, scalar(st, "select count(*) from " + frames + " where image.path is not null"
                    + " or octet_length(image.bytes) = 0 or width <> 40 or height <> 24"));
            assertTrue(scalar(st, "select count(*) from " + frames + " where len(masks) = 1 and masks[1].kind = "
                    + "'secure_field' and masks[1].w = 10") > 0);
            try (ResultSet rs = st.executeQuery("select decode(key), decode(value) from parquet_kv_metadata('"
                    + dir.resolve(s.framesFile()) + "') where decode(key) = 'huggingface'")) {
                assertTrue(rs.next(), "the huggingface key is in the footer");
                JsonNode features = Json.MAPPER.readTree(rs.getString(2)).path("info").path("features");
                assertEquals("Image", features.path("image").path("_type").asText());
                assertEquals("string", features.path("frame_id").path("dtype").asText());
                assertEquals("Value", features.path("episode_id").path("_type").asText());
                assertEquals("int32", features.path("width").path("dtype").asText());
                assertEquals("int32", features.path("masks").path(0).path("x").path("dtype").asText());
                assertEquals("string", features.path("masks").path(0).path("kind").path("dtype").asText());
                assertEquals(List.of("frame_id", "episode_id", "image", "width", "height", "masks"),
                        iterate(features.fieldNames()));
            }
        }
    }

    @Test
    void aShardWithoutFramesHasNoFramesFile(@TempDir Path dir) throws Exception {
        List<Episode> episodes = sample(1, 10, 4);
        ShardStats s = new ShardWriter(OutputLayout.DEFAULT).write(dir, dir.resolve("audit"), "part-n-0.parquet", episodes);
        assertNull(s.framesFile());
        assertFalse(Files.exists(dir.resolve(DatasetLayout.FRAMES)));
        StagedShard staged = ShardFiles.describe("dt=2026-11-27", dir, dir.resolve("audit"), s);
        assertEquals(List.of(DatasetLayout.STEPS, DatasetLayout.EPISODES),
                staged.files().stream().map(Manifest.FileEntry::table).toList());
        for (GenericRecord r : ShardReader.read(dir.resolve(s.file()))) {
            assertNull(r.get("frame_id"));
        }
    }

    @Test
    void shardsRollWhenTheirFramesFileIsFullThoughTheirStepsAreSmall(@TempDir Path dir) throws Exception {
        List<Episode> episodes = TestFrames.withFrames(sample(4, 30, 5), 24, 24); // about 1.8 KB a frame
        long target = 96 * 1024;
        long rowGroup = 32 * 1024;
        long largest = episodes.stream().mapToLong(ShardWriter::frameBytes).max().orElseThrow();
        OutputLayout layout = new OutputLayout(target, rowGroup, 1000, Splits.DEFAULT);
        AtomicInteger n = new AtomicInteger();
        List<ShardStats> shards = new ShardWriter(layout).writeRolling(dir, dir.resolve("audit"),
                () -> "part-r-" + n.getAndIncrement() + ".parquet", episodes.iterator());
        long imageBytes = episodes.stream().mapToLong(ShardWriter::frameBytes).sum();
        assertTrue(imageBytes > 4 * target, "frames of " + imageBytes + " bytes");
        assertTrue(shards.size() >= 4, shards.size() + " shards");
        assertEquals(TestFrames.frames(episodes), shards.stream().mapToLong(ShardStats::frames).sum());
        for (int i = 0; i < shards.size(); i++) {
            ShardStats s = shards.get(i);
            long frames = Files.size(dir.resolve(s.framesFile()));
            long steps = Files.size(dir.resolve(s.file()));
            assertTrue(steps < target / 4, "the steps are small: " + steps);
            if (i < shards.size() - 1) {
                // Files hold whole episodes: a frames file is off the target by at most one episode's frames.
                assertTrue(Math.abs(frames - target) <= largest + target / 50,
                        "frames file of " + frames + ", target " + target + ", largest episode " + largest);
            }
            for (BlockMetaData block : ShardReader.footer(dir.resolve(s.framesFile())).getBlocks()) {
                long uncompressed = block.getColumns().stream().mapToLong(ColumnChunkMetaData::getTotalUncompressedSize)
                        .sum();
                assertTrue(uncompressed <= rowGroup, "row group of " + uncompressed + " bytes");
            }
        }
    }

    @Test
    void measuringTheFirstEpisodesHoldsAtMostAboutTheTrialsFrameBytes(@TempDir Path dir) throws Exception {
        // 60 episodes with a 2 MB frame each: reading ahead a file's worth of steps to measure them
        // would hold all 120 MB of images; it stops at the trial's frame bytes instead.
        byte[] image = new byte[2 << 20];
        new java.util.Random(1).nextBytes(image);
        List<Episode> episodes = new ArrayList<>();
        for (Episode e : sample(6, 60, 8)) {
            if (episodes.size() == 60) {
                break;
            }
            List<String> ids = new ArrayList<>(java.util.Collections.nCopies(e.steps().size(), null));
            ids.set(0, "f-" + e.episodeId());
            episodes.add(e.withFrames(new dev.episodes.frames.EpisodeFrames(ids,
                    List.of(new dev.episodes.frames.StoredFrame("f-" + e.episodeId(), image, "png", 1, 1, List.of())),
                    Map.of())));
        }
        assertEquals(60, episodes.size(), "enough episodes");
        AtomicInteger pulled = new AtomicInteger();
        AtomicInteger pulledAtFirstShard = new AtomicInteger(-1);
        java.util.Iterator<Episode> source = episodes.iterator();
        java.util.Iterator<Episode> counting = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Episode next() {
                pulled.incrementAndGet();
                return source.next();
            }
        };
        List<ShardStats> shards = new ShardWriter(OutputLayout.DEFAULT).writeRolling(dir, dir.resolve("audit"), () -> {
            pulledAtFirstShard.compareAndSet(-1, pulled.get());
            return "part-h-0.parquet";
        }, counting);
        long perEpisode = ShardWriter.frameBytes(episodes.get(0));
        assertTrue(pulledAtFirstShard.get() * perEpisode <= ShardWriter.TRIAL_FRAME_BYTES + perEpisode,
                pulledAtFirstShard.get() + " episodes held before writing");
        assertEquals(1, shards.size());
        assertEquals(60, shards.get(0).frames());
    }

    @Test
    void theSortSpillsEpisodesWhoseFramesFillItsMemoryAndGivesThemBackWhole(@TempDir Path dir) throws Exception {
        List<Episode> episodes = TestFrames.withFrames(sample(2, 20, 9), 32, 32);
        long frameBytes = episodes.stream().mapToLong(ShardWriter::frameBytes).sum();
        try (SortedRuns runs = new SortedRuns(dir, Long.MAX_VALUE, frameBytes / 4)) {
            List<Episode> shuffled = new ArrayList<>(episodes);
            java.util.Collections.shuffle(shuffled, new java.util.Random(2));
            for (Episode e : shuffled) {
                runs.add(e);
            }
            assertTrue(runs.spilledRuns() >= 2, runs.spilledRuns() + " runs: frames, not steps, filled the memory");
            List<Episode> back = new ArrayList<>();
            runs.sorted().forEachRemaining(back::add);
            assertEquals(episodes, back);
        }
    }

    @Test
    void aManifestWrittenBySchemaOneZeroStillLoads() throws Exception {
        String json = """
                {"schema_version":"1.0","partition":"dt=2026-01-02","run_id":"r1","input":{"kind":"archive"},
                 "pseudonym_key_id":"k1",
                 "files":[{"path":"steps/part-r1-0.parquet","table":"steps","size_bytes":10,"row_count":3,
                           "episode_count":1,"sha256":"ab","users":["u1"]},
                          {"path":"episodes/part-r1-0.parquet","table":"episodes","size_bytes":5,"row_count":1,
                           "episode_count":1,"sha256":"cd","users":["u1"]}],
                 "totals":{"files":2,"bytes":15,"steps":3,"episodes":1,"redactions":0},
                 "steps_by_action":{"click":3},"redactions_by_kind":{},"version":4}""";
        Manifest m = Json.MAPPER.readValue(json, Manifest.class);
        assertEquals(0, m.totals().frames());
        assertEquals(Map.of(), m.framesFailed());
        assertEquals(Map.of(), m.files().get(0).framesFailed());
        assertEquals(4, m.version());
        assertEquals(3, m.totals().steps());
        // Written again, it names no frames figures it does not have.
        JsonNode again = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(m));
        assertFalse(again.has("frames_failed"));
        assertFalse(again.path("files").path(0).has("frames_failed"));
    }

    @Test
    void aManifestCountsFramesAndFailedFramesFromItsFiles(@TempDir Path dir) throws Exception {
        List<Episode> episodes = TestFrames.withFrames(sample(2, 20, 6), 16, 16);
        ShardStats s = new ShardWriter(OutputLayout.DEFAULT).write(dir, dir.resolve("audit"), "part-m-0.parquet", episodes);
        StagedShard staged = ShardFiles.describe("dt=2026-11-27", dir, dir.resolve("audit"), s);
        Manifest m = Manifest.of("dt=2026-11-27", "r", Map.of(), "k", staged.files(), staged.stepsByAction(),
                staged.redactionsByKind(), null, null, List.of());
        assertEquals(List.of(DatasetLayout.STEPS, DatasetLayout.EPISODES, DatasetLayout.FRAMES),
                m.files().stream().map(Manifest.FileEntry::table).toList());
        assertEquals(TestFrames.frames(episodes), m.totals().frames());
        assertEquals(TestFrames.failures(episodes), m.framesFailed());
        assertEquals(episodes.size(), m.files().get(2).episodeCount());
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(m));
        assertEquals(TestFrames.frames(episodes), json.path("totals").path("frames").asLong());
        assertEquals(TestFrames.failures(episodes).get("missing").longValue(),
                json.path("frames_failed").path("missing").asLong());
        assertEquals(m, Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(m), Manifest.class));
    }

    static long scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
