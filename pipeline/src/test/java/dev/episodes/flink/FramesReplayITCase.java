package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.frames.FrameRenderer;
import dev.episodes.frames.FrameSettings;
import dev.episodes.frames.MaskRect;
import dev.episodes.frames.corpus.MaskCheck;
import dev.episodes.generate.CorpusFacts;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.generate.ScreenTruth;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.testing.Argb;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.TestKey;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator paints a screenshot for every context event, with its planted secrets drawn where they
 * were typed (and in titles and address bars); a replay with frames on stores the frames. Read back with
 * DuckDB and compared with the source pictures: every step with a screenshot has exactly one frame, no
 * pixel of any planted secret's glyphs survives, and every pixel away from the masks is exactly what the
 * same screenshot gives with no mask at all.
 */
class FramesReplayITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static CorpusFacts facts;
    static RunSummary summary;
    static Path root;
    static final FrameSettings FRAMES = FrameSettings.on();

    @BeforeAll
    static void replay() throws Exception {
        Path input = dir.resolve("activity.jsonl");
        facts = Corpus.write(input, GeneratorSettings.of(4, Duration.ofMinutes(10), 23)
                .withScreenshots(dir.resolve("screens")));
        root = dir.resolve("dataset");
        summary = new ArchiveReplay(input, root, PipelineConfig.defaults().withParallelism(2).withFrames(FRAMES),
                TestKey.KEY).run(Flink.env(), Progress.NONE);
    }

    private static String table(String t) {
        return "read_parquet('" + root + "/dt=*/" + t + "/*.parquet')";
    }

    private static long scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void everyStepWithAScreenshotHasExactlyOneFrameAndNoUriIsWritten() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            long steps = scalar(st, "select count(*) from " + table("steps"));
            long framed = scalar(st, "select count(*) from " + table("steps") + " where frame_id is not null");
            long joined = scalar(st, "select count(*) from " + table("steps") + " s join " + table("frames")
                    + " f on s.frame_id = f.frame_id and s.episode_id = f.episode_id");
            long frames = scalar(st, "select count(*) from " + table("frames"));
            long distinct = scalar(st, "select count(distinct frame_id) from " + table("frames"));
            assertTrue(framed > steps / 2, framed + " of " + steps + " steps have a frame");
            assertEquals(framed, joined, "steps join frames one to one");
            assertEquals(frames, distinct, "each frame once");
            assertEquals(frames, summary.framesStored());
            assertEquals(Map.of(), summary.framesFailed(), "every generated screenshot exists and decodes");
            assertEquals(0, scalar(st, "select count(*) from " + table("steps") + " where screenshot_ref is not null"));
            assertEquals(0, scalar(st, "select count(*) from " + table("frames") + " where width > " + FRAMES.maxWidth()));
            assertEquals(0, scalar(st, "select count(*) from " + table("frames")
                    + " f where not exists (select 1 from " + table("steps") + " s where s.frame_id = f.frame_id)"),
                    "no frame nobody uses");
        }
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (text.contains("file:/") || text.contains(dir.resolve("screens").toString())) {
                    leaks.add(root.relativize(f).toString());
                }
            }
        }
        assertEquals(List.of(), leaks, "no file under the dataset names a screenshot");
    }

    /** One stored frame, the step it was first used by, and its bytes. */
    record Stored(String frameId, String device, long tsUs, byte[] image, List<MaskRect> masks) {}

    @Test
    void noPlantedSecretSurvivesAndEverythingElseIsUntouched() throws Exception {
        Pseudonymizer pseudonyms = new Pseudonymizer(TestKey.KEY.bytes());
        Map<String, String> rawDevice = new HashMap<>();
        for (String d : facts.deviceIds()) {
            rawDevice.put(pseudonyms.device(d), d);
        }
        Map<String, TreeMap<Long, List<ScreenTruth>>> shots = new HashMap<>();
        for (ScreenTruth t : facts.screens()) { // two contexts may share a microsecond
            shots.computeIfAbsent(t.deviceId(), k -> new TreeMap<>()).computeIfAbsent(t.tsUs(), k -> new ArrayList<>())
                    .add(t);
        }
        List<Stored> stored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select f.frame_id, s.device, min(s.ts_us), any_value(f.image.bytes), "
                        + "any_value(to_json(f.masks)) from " + table("frames") + " f join " + table("steps")
                        + " s on s.frame_id = f.frame_id group by f.frame_id, s.device")) {
            while (rs.next()) {
                List<MaskRect> masks = new ArrayList<>();
                for (var m : dev.episodes.writing.Json.MAPPER.readTree(rs.getString(5))) {
                    masks.add(new MaskRect(m.get("x").asInt(), m.get("y").asInt(), m.get("w").asInt(),
                            m.get("h").asInt(), m.get("kind").asText()));
                }
                stored.add(new Stored(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBytes(4), masks));
            }
        }
        stored.sort(Comparator.comparing(Stored::frameId));
        FrameRenderer unmasked = new FrameRenderer(FRAMES);
        List<String> problems = new ArrayList<>();
        Map<String, BufferedImage> rendered = new HashMap<>();
        int withSecrets = 0;
        int boxes = 0;
        int wholeMasked = 0;
        for (Stored s : stored) {
            String device = rawDevice.get(s.device());
            BufferedImage frame = ImageIO.read(new ByteArrayInputStream(s.image()));
            Pixels framePixels = Pixels.of(frame);
            // Which screenshot: a step's time is not always its raw time (steps after a collapsed secret move
            // earlier, so its timing is not recoverable), and a focus may be reported just after the click.
            // Every screenshot of the device from the one before the step to a minute after whose unmasked
            // frame equals this one everywhere away from the masks is a possible source (that comparison is
            // also the proof that nothing else was touched), and each one's secrets must all be masked.
            TreeMap<Long, List<ScreenTruth>> byTime = shots.get(device);
            Long from = byTime.floorKey(s.tsUs());
            List<ScreenTruth> sources = new ArrayList<>();
            List<String> firstDiff = null;
            for (ScreenTruth candidate : byTime.subMap(from == null ? Long.MIN_VALUE : from, true,
                    s.tsUs() + 60_000_000L, true).values().stream().flatMap(List::stream).toList()) {
                Pixels plain = Pixels.of(rendered.computeIfAbsent(candidate.ref(), ref -> render(unmasked, candidate)));
                List<String> diff = differencesAwayFromMasks(s.frameId(), plain, framePixels, s.masks());
                if (diff.isEmpty()) {
                    sources.add(candidate);
                } else if (firstDiff == null) {
                    firstDiff = diff;
                }
            }
            if (sources.isEmpty()) {
                problems.addAll(firstDiff == null ? List.of(s.frameId() + ": no screenshot near its step") : firstDiff);
                continue;
            }
            if (s.masks().stream().anyMatch(m -> m.w() >= frame.getWidth() && m.h() >= frame.getHeight())) {
                wholeMasked++;
            }
            boolean secretsHere = false;
            for (ScreenTruth truth : sources) {
                BufferedImage source = ImageIO.read(Path.of(URI.create(truth.ref())).toFile());
                List<dev.episodes.frames.corpus.FramesCase.Region> secrets = MaskCheck.everySecret(truth);
                if (!secrets.isEmpty()) {
                    secretsHere = true;
                    boxes += secrets.size();
                }
                List<String> found = MaskCheck.check(source, frame, s.masks(), secrets, List.of(), false);
                if (!found.isEmpty() && Boolean.parseBoolean(System.getenv("FRAMES_DEBUG"))) {
                    Path out = Path.of("target", "frames-debug");
                    Files.createDirectories(out);
                    ImageIO.write(frame, "png", out.resolve(s.frameId() + "-stored.png").toFile());
                    System.out.println("debug " + s.frameId() + " masks " + s.masks() + " source " + truth.ref()
                            + " boxes " + truth.boxes() + " step ts " + s.tsUs());
                }
                for (String p : found) {
                    problems.add(s.frameId() + " (" + truth.ref().substring(truth.ref().lastIndexOf('/') + 1) + "): " + p);
                }
            }
            withSecrets += secretsHere ? 1 : 0;
        }
        System.out.printf("frames: %d checked, %d with planted secrets (%d boxes), %d masked whole%n", stored.size(),
                withSecrets, boxes, wholeMasked);
        assertTrue(withSecrets > 0, "the corpus draws secrets on some frames");
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), problems.size() + " problems");
    }

    private static BufferedImage render(FrameRenderer renderer, ScreenTruth shot) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of(URI.create(shot.ref())));
            return ImageIO.read(new ByteArrayInputStream(renderer.render(bytes, shot.screenW(), shot.screenH(),
                    List.of()).image()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A picture's size and pixels ({@link Argb}). */
    record Pixels(int width, int height, int[] argb) {
        static Pixels of(BufferedImage image) {
            return new Pixels(image.getWidth(), image.getHeight(), Argb.of(image));
        }
    }

    /**
     * Pixels outside every mask equal the unmasked rendering exactly (area averaging is exact at mask edges).
     * Compared as arrays: per-pixel getRGB through the colour model made this most of the test's time.
     */
    static List<String> differencesAwayFromMasks(String id, Pixels plain, Pixels frame, List<MaskRect> masks) {
        List<String> out = new ArrayList<>();
        if (plain.width() != frame.width() || plain.height() != frame.height()) {
            return List.of(id + ": size " + frame.width() + "x" + frame.height() + ", unmasked "
                    + plain.width() + "x" + plain.height());
        }
        int w = frame.width();
        int h = frame.height();
        boolean[] masked = new boolean[w * h];
        for (MaskRect m : masks) {
            for (int y = Math.max(0, m.y()); y < Math.min(h, m.y() + m.h()); y++) {
                for (int x = Math.max(0, m.x()); x < Math.min(w, m.x() + m.w()); x++) {
                    masked[y * w + x] = true;
                }
            }
        }
        int[] a = plain.argb();
        int[] b = frame.argb();
        long changed = 0;
        int first = -1;
        for (int i = 0; i < a.length; i++) {
            if (!masked[i] && (a[i] & 0xFFFFFF) != (b[i] & 0xFFFFFF)) {
                changed++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (changed > 0) {
            out.add(id + ": " + changed + " pixels away from the masks differ from the unmasked frame, first at "
                    + first % w + "," + first / w);
        }
        return out;
    }
}
