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
import dev.episodes.frames.corpus.FramesCase;
import dev.episodes.frames.corpus.FramesCorpus;
import dev.episodes.frames.corpus.MaskCheck;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.testing.Flink;
import dev.episodes.testing.TestKey;
import dev.episodes.writing.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial frames corpus (other platforms, HiDPI and fractional scaling, multi-monitor desktops,
 * JPEG, grayscale, palette and alpha images, bombs, truncated and missing files, odd URIs, late and
 * out-of-order contexts) through a replay with frames on: no bad screenshot stops the job, each is counted
 * by a reason its case allows, every region that must be masked is, and regions away from masks survive.
 */
class FramesCorpusITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static List<FramesCase> cases;
    static RunSummary summary;
    static Path root;
    static final FrameSettings FRAMES = FrameSettings.on();

    @BeforeAll
    static void replay() throws Exception {
        cases = FramesCorpus.write(dir.resolve("corpus"));
        root = dir.resolve("dataset");
        summary = new ArchiveReplay(dir.resolve("corpus").resolve(FramesCorpus.EVENTS), root,
                PipelineConfig.defaults().withParallelism(2).withFrames(FRAMES), TestKey.KEY).run(Flink.env(), Progress.NONE);
    }

    @Test
    void badScreenshotsAreCountedByAReasonTheirCaseAllowsAndTheJobGoesOn() {
        assertTrue(summary.accountedFor());
        List<String> missing = new ArrayList<>();
        for (FramesCase c : cases) {
            for (FramesCase.Shot s : c.shots()) {
                if (s.fails() && s.failures().stream().noneMatch(r -> summary.framesFailed().containsKey(r.wire()))) {
                    missing.add(c.name() + ": expected one of " + s.failures() + ", counted " + summary.framesFailed());
                }
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(summary.framesStored() > 0);
    }

    record Stored(String frameId, String device, byte[] image, List<MaskRect> masks) {}

    @Test
    void everyRegionThatMustBeMaskedIsAndTheRestSurvives() throws Exception {
        Pseudonymizer pseudonyms = new Pseudonymizer(TestKey.KEY.bytes());
        List<Stored> stored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select f.frame_id, any_value(s.device), any_value(f.image.bytes), "
                        + "any_value(to_json(f.masks)) from read_parquet('" + root + "/dt=*/frames/*.parquet') f join "
                        + "read_parquet('" + root + "/dt=*/steps/*.parquet') s on s.frame_id = f.frame_id group by 1")) {
            while (rs.next()) {
                List<MaskRect> masks = new ArrayList<>();
                for (var m : Json.MAPPER.readTree(rs.getString(4))) {
                    masks.add(new MaskRect(m.get("x").asInt(), m.get("y").asInt(), m.get("w").asInt(), m.get("h").asInt(),
                            m.get("kind").asText()));
                }
                stored.add(new Stored(rs.getString(1), rs.getString(2), rs.getBytes(3), masks));
            }
        }
        FrameRenderer plain = new FrameRenderer(FRAMES);
        Map<String, BufferedImage> unmasked = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        int wholeMasked = 0;
        for (FramesCase c : cases) {
            String device = pseudonyms.device(c.deviceId());
            List<FramesCase.Shot> sources = c.shots().stream().filter(s -> !s.fails() && s.file() != null).toList();
            for (Stored s : stored) {
                if (!s.device().equals(device) || sources.isEmpty()) {
                    continue;
                }
                BufferedImage frame = ImageIO.read(new ByteArrayInputStream(s.image()));
                // Its source: the case's screenshot whose unmasked frame is nearest to it away from the masks.
                FramesCase.Shot best = null;
                double bestDiff = Double.MAX_VALUE;
                for (FramesCase.Shot shot : sources) {
                    BufferedImage u = unmasked.computeIfAbsent(shot.ref(), r -> render(plain, shot));
                    double d = u == null ? Double.MAX_VALUE : meanDifference(u, frame, s.masks());
                    if (d < bestDiff) {
                        bestDiff = d;
                        best = shot;
                    }
                }
                if (best == null) {
                    problems.add(c.name() + ": frame " + s.frameId() + " from no screenshot of its case");
                    continue;
                }
                BufferedImage source = ImageIO.read(best.file().toFile());
                boolean lossy = MaskCheck.lossy(best.format(), FRAMES.format());
                // A secret typed where the pipeline cannot tell which field the keys landed in (a secure visit
                // claimed them) masks the whole screen by design (docs/frames.md): then nothing is untouched,
                // and the price is counted, not checked away.
                boolean whole = s.masks().stream().anyMatch(m -> m.x() <= 0 && m.y() <= 0 && m.w() >= frame.getWidth()
                        && m.h() >= frame.getHeight());
                wholeMasked += whole ? 1 : 0;
                List<FramesCase.Region> untouched = whole ? List.of() : best.untouched();
                for (String p : MaskCheck.check(source, frame, s.masks(), best.mustMask(), untouched, lossy)) {
                    problems.add(c.name() + " (" + best.file().getFileName() + "): " + p);
                }
                checked++;
            }
        }
        System.out.printf("corpus: %d cases, %d frames checked (%d masked whole), %d stored, failed %s%n", cases.size(),
                checked, wholeMasked, summary.framesStored(), summary.framesFailed());
        assertTrue(checked > 0);
        assertEquals(List.of(), problems);
    }

    private static BufferedImage render(FrameRenderer renderer, FramesCase.Shot shot) {
        try {
            return ImageIO.read(new ByteArrayInputStream(renderer.render(Files.readAllBytes(shot.file()),
                    shot.screenW(), shot.screenH(), List.of()).image()));
        } catch (Exception e) {
            return null;
        }
    }

    private static double meanDifference(BufferedImage a, BufferedImage b, List<MaskRect> masks) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return Double.MAX_VALUE;
        }
        long sum = 0;
        long n = 0;
        for (int y = 0; y < a.getHeight(); y += 2) {
            for (int x = 0; x < a.getWidth(); x += 2) {
                boolean masked = false;
                for (MaskRect m : masks) {
                    if (x >= m.x() && y >= m.y() && x < m.x() + m.w() && y < m.y() + m.h()) {
                        masked = true;
                        break;
                    }
                }
                if (!masked) {
                    int p = a.getRGB(x, y);
                    int q = b.getRGB(x, y);
                    sum += Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255))
                            + Math.abs((p & 255) - (q & 255));
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / (double) n;
    }
}
