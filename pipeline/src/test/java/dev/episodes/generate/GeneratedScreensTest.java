package dev.episodes.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.episodes.generate.ScreenTruth.Box;
import dev.episodes.generate.ScreenTruth.Surface;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus with painted screenshots: the same events as without (but for the refs), every
 * context event's ref a PNG of its screen size (or twice it), truth for every screenshot, and the render
 * with the secrets left out differing from it only inside the truth boxes.
 */
class GeneratedScreensTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeneratorSettings BASE = GeneratorSettings.of(3, Duration.ofMinutes(20), 11);
    @TempDir
    static Path tmp;
    static String off;
    static String on;
    static CorpusFacts facts;
    static CorpusFacts factsWithout;
    static Path shots;
    static Path shotsWithout;

    @BeforeAll
    static void generate() throws IOException {
        shots = tmp.resolve("shots");
        shotsWithout = tmp.resolve("without secrets");
        off = write(BASE, null);
        StringWriter w = new StringWriter();
        facts = ActivityGenerator.write(BASE.withScreenshots(ScreenshotSettings.into(shots).withHiDpiPercent(50)), w);
        on = w.toString();
        factsWithout = ActivityGenerator.write(BASE.withScreenshots(ScreenshotSettings.into(shotsWithout)
                .withHiDpiPercent(50).leavingSecretsOut()), new StringWriter());
        CorpusFacts.ScreenStats st = facts.screenStats();
        System.out.printf("screenshots: %d frames, %.1f ms painting and %.1f ms PNG encoding per frame, %.0f KB per"
                + " frame%n", st.frames(), st.paintNanos() / 1e6 / st.frames(), st.encodeNanos() / 1e6 / st.frames(),
                st.bytes() / 1024.0 / st.frames());
    }

    static String write(GeneratorSettings settings, Path unused) throws IOException {
        StringWriter w = new StringWriter();
        ActivityGenerator.write(settings, w);
        return w.toString();
    }

    @Test
    void theEventsAreTheSameButForTheirScreenshotRefs() {
        String refs = "\"screenshot_ref\":\"[^\"]*\"";
        assertEquals(off.replaceAll(refs, "R"), on.replaceAll(refs, "R"));
        assertTrue(off.contains("\"screenshot_ref\":\"s3://frames/d-1/"), "off: the recorder's bucket as before");
        assertFalse(off.contains("file:"));
    }

    @Test
    void everyContextEventNamesAPngOfItsScreenSizeOrTwiceIt() throws IOException {
        Map<String, ScreenTruth> truthByRef = new HashMap<>();
        facts.screens().forEach(t -> truthByRef.put(t.ref(), t));
        Set<String> eventIds = new HashSet<>();
        Set<Integer> scales = new HashSet<>();
        for (String line : on.split("\n")) {
            JsonNode e = JSON.readTree(line);
            if (!e.path("kind").asText().equals("context")) {
                continue;
            }
            eventIds.add(e.get("event_id").asText());
            String ref = e.get("screenshot_ref").asText();
            assertTrue(ref.startsWith("file:/"), ref);
            Path file = Path.of(URI.create(ref));
            assertTrue(Files.isRegularFile(file), ref);
            assertTrue(file.startsWith(shots));
            ScreenTruth t = truthByRef.get(ref);
            int screenW = e.get("screen_w").asInt();
            int screenH = e.get("screen_h").asInt();
            assertEquals(screenW, t.screenW());
            assertEquals(t.width(), screenW * t.scale());
            assertEquals(t.height(), screenH * t.scale());
            scales.add(t.scale());
            try (var in = ImageIO.createImageInputStream(file.toFile())) {
                var reader = ImageIO.getImageReaders(in).next();
                reader.setInput(in);
                assertEquals("png", reader.getFormatName().toLowerCase(java.util.Locale.ROOT));
                assertEquals(t.width(), reader.getWidth(0));
                assertEquals(t.height(), reader.getHeight(0));
                reader.dispose();
            }
        }
        assertEquals(eventIds.size(), facts.screens().size(), "one screenshot per context event");
        assertEquals(Set.of(1, 2), scales, "HiDPI devices paint at 2x");
    }

    @Test
    void theTruthNamesSecretsByKindAndWhereTheyAre() throws IOException {
        List<Box> all = facts.screens().stream().flatMap(t -> t.boxes().stream()).toList();
        assertTrue(all.stream().anyMatch(b -> b.kind().equals("EMAIL") && b.surface() == Surface.FIELD_TEXT
                && b.expectMasked()), "an email typed at sign-in, on screen when the password field gets focus");
        assertTrue(all.stream().anyMatch(b -> b.surface() == Surface.SECURE_FIELD));
        assertTrue(all.stream().anyMatch(b -> b.surface() == Surface.TITLE || b.surface() == Surface.URL));
        List<String> lines = Files.readAllLines(shots.resolve(ScreenshotSettings.TRUTH_FILE));
        assertEquals(facts.screens().size(), lines.size());
        String text = String.join("\n", lines);
        for (Set<String> values : facts.plantedSecrets().values()) {
            for (String v : values) {
                assertFalse(text.contains(v) || text.contains(URLEncoder.encode(v, StandardCharsets.UTF_8)),
                        "the truth file names kinds, never a secret");
            }
        }
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals(facts.screens().get(0).ref(), first.get("ref").asText());
        assertTrue(first.has("boxes") && first.has("screen_w") && first.has("width"));
    }

    @Test
    void withTheSecretsLeftOutOnlyTheTruthBoxesChange() throws IOException {
        assertEquals(facts.screens().size(), factsWithout.screens().size());
        int compared = 0;
        for (int i = 0; i < facts.screens().size(); i++) {
            ScreenTruth t = facts.screens().get(i);
            if (t.boxes().isEmpty() && i % 10 != 0) {
                continue; // every screenshot with a secret, and a sample of the others
            }
            ScreenTruth u = factsWithout.screens().get(i);
            assertEquals(t.boxes(), u.boxes(), "the same layout, the same boxes");
            BufferedImage a = ImageIO.read(Path.of(URI.create(t.ref())).toFile());
            BufferedImage b = ImageIO.read(Path.of(URI.create(u.ref())).toFile());
            int[] pa = a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth());
            int[] pb = b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
            int[] changed = new int[t.boxes().size()];
            for (int p = 0; p < pa.length; p++) {
                if (pa[p] != pb[p]) {
                    int x = p % a.getWidth();
                    int y = p / a.getWidth();
                    boolean inside = false;
                    for (int k = 0; k < changed.length; k++) {
                        if (t.boxes().get(k).contains(x, y)) {
                            inside = true;
                            changed[k]++;
                        }
                    }
                    assertTrue(inside, t.ref() + ": pixel " + x + "," + y + " changed outside the truth boxes");
                }
            }
            for (int k = 0; k < changed.length; k++) {
                Box box = t.boxes().get(k);
                assertTrue(box.surface() == Surface.SECURE_FIELD || changed[k] > 0, t.ref() + ": " + box);
            }
            compared++;
        }
        assertTrue(compared > 20, "compared " + compared);
    }
}
