package dev.episodes.frames.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.RawEvent;
import dev.episodes.frames.FrameFailure;
import dev.episodes.frames.corpus.FramesCase.Region;
import dev.episodes.frames.corpus.FramesCase.Shot;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frames corpus's files are what its cases say: events decode, images are of the stated kind and size. */
class FramesCorpusTest {
    @TempDir
    static Path dir;
    static List<FramesCase> cases;
    static List<RawEvent> events;
    static List<String> lines;

    @BeforeAll
    static void build() throws IOException {
        cases = FramesCorpus.write(dir);
        lines = Files.readAllLines(dir.resolve(FramesCorpus.EVENTS), StandardCharsets.UTF_8);
        JsonEventDecoder decoder = new JsonEventDecoder(TimeBounds.aheadOf(Instant.now(), Duration.ofDays(3650)));
        events = new ArrayList<>();
        for (String line : lines) {
            DecodeResult r = decoder.decode(line);
            assertInstanceOf(DecodeResult.Decoded.class, r, line);
            events.add(((DecodeResult.Decoded) r).event());
        }
    }

    @Test
    void coversThePlatformsFormatsRefsAndTimingsItPromises() {
        Set<String> names = cases.stream().map(FramesCase::name).collect(Collectors.toSet());
        for (String n : List.of("macos-retina", "windows-150-percent", "linux-second-monitor", "password-manager-popup",
                "terminal-sudo", "cyrillic-email", "ime-card", "format-jpeg", "format-gray-png", "format-palette-png",
                "format-alpha-png", "ref-missing", "ref-truncated", "ref-text-named-png", "ref-zero-bytes",
                "ref-bomb-header", "ref-spaces-and-percent", "ref-relative", "contexts-out-of-order",
                "secret-before-window-switch", "reused-uri")) {
            assertTrue(names.contains(n), n);
        }
        assertEquals(cases.size(), cases.stream().map(FramesCase::deviceId).distinct().count(), "a device per case");
    }

    @Test
    void everyShotIsReferencedByTheContextEventsItNames() {
        for (FramesCase c : cases) {
            for (Shot s : c.shots()) {
                List<Long> at = events.stream().filter(e -> e instanceof ContextEvent ce
                        && ce.deviceId().equals(c.deviceId()) && s.ref().equals(ce.screenshotRef()))
                        .map(RawEvent::tsUs).sorted().toList();
                assertEquals(s.contextTsUs().stream().sorted().toList(), at, c.name() + " " + s.ref());
            }
        }
    }

    @Test
    void imagesDecodeAtTheirStatedSizeAndEncoding() throws IOException {
        for (FramesCase c : cases) {
            for (Shot s : c.shots()) {
                if (s.fails()) {
                    continue;
                }
                assertEquals(s.file(), Path.of(URI.create(s.ref())), "the URI decodes to the file, once");
                BufferedImage img = ImageIO.read(s.file().toFile());
                assertEquals(s.imageW(), img.getWidth(), c.name());
                assertEquals(s.imageH(), img.getHeight(), c.name());
                switch (s.format()) {
                    case "jpeg" -> assertEquals("JPEG", formatOf(s.file()).toUpperCase());
                    case "gray-png" -> assertEquals(1, img.getColorModel().getNumComponents());
                    case "palette-png" -> assertInstanceOf(IndexColorModel.class, img.getColorModel());
                    case "alpha-png" -> {
                        assertTrue(img.getColorModel().hasAlpha());
                        assertEquals(0, img.getRGB(10, s.imageH() - 10) >>> 24, "see-through below the window");
                    }
                    default -> assertEquals("png", formatOf(s.file()));
                }
                for (Region r : s.mustMask()) {
                    assertTrue(r.x() >= 0 && r.y() >= 0 && r.x() + r.w() <= s.imageW() && r.y() + r.h() <= s.imageH(),
                            c.name() + " " + r);
                    if (!r.what().equals("secure_field")) {
                        assertTrue(colours(img, r) > 1, c.name() + ": glyphs drawn in " + r);
                    }
                }
            }
        }
    }

    @Test
    void untouchedRegionsLieAwayFromEveryElementAndSecret() {
        for (FramesCase c : cases) {
            List<ContextEvent> contexts = events.stream().filter(e -> e instanceof ContextEvent ce
                    && ce.deviceId().equals(c.deviceId())).map(e -> (ContextEvent) e).toList();
            for (Shot s : c.shots()) {
                if (s.fails()) {
                    continue;
                }
                double sx = s.imageW() / (double) s.screenW();
                double sy = s.imageH() / (double) s.screenH();
                for (Region keep : s.untouched()) {
                    assertTrue(keep.w() > 0 && keep.h() > 0, c.name() + " " + keep);
                    for (Region m : s.mustMask()) {
                        assertFalse(keep.intersects(m), c.name() + ": " + keep + " overlaps " + m);
                    }
                    for (ContextEvent ce : contexts) {
                        Element e = ce.element();
                        if (e.role().equals("document") || e.role().equals("terminal")) {
                            continue; // a whole-window element: masked only when its name is redacted
                        }
                        Region el = new Region((int) Math.floor(e.x() * sx), (int) Math.floor(e.y() * sy),
                                (int) Math.ceil(e.w() * sx) + 1, (int) Math.ceil(e.h() * sy) + 1, e.name());
                        assertFalse(keep.intersects(el), c.name() + ": " + keep + " overlaps element " + el);
                    }
                }
            }
        }
    }

    @Test
    void brokenRefsAreBrokenTheWayTheirCasesSay() throws IOException {
        Map<String, Shot> byCase = cases.stream().filter(c -> c.name().startsWith("ref-"))
                .collect(Collectors.toMap(FramesCase::name, c -> c.shots().get(0)));
        Shot missing = byCase.get("ref-missing");
        assertNull(missing.file());
        assertFalse(Files.exists(Path.of(URI.create(missing.ref()))));
        assertEquals(0, Files.size(byCase.get("ref-zero-bytes").file()));
        assertTrue(Files.readString(byCase.get("ref-text-named-png").file()).startsWith("this is not an image"));
        assertTrue(byCase.get("ref-text-named-png").file().toString().endsWith(".png"));
        Path cut = byCase.get("ref-truncated").file();
        assertTrue(readFails(cut), "a cut PNG does not decode");
        Path bomb = byCase.get("ref-bomb-header").file();
        assertTrue(Files.size(bomb) < 1024, "small on disk");
        try (ImageInputStream in = ImageIO.createImageInputStream(bomb.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            assertEquals(60_000, r.getWidth(0), "the header claims 60000x60000");
            assertEquals(60_000, r.getHeight(0));
            r.dispose();
        }
        assertEquals(Set.of(FrameFailure.Reason.OVERSIZED), byCase.get("ref-bomb-header").failures());
        Shot odd = byCase.get("ref-spaces-and-percent");
        assertTrue(odd.ref().contains("%20") && odd.ref().contains("%25") && odd.ref().contains("%23"), odd.ref());
        assertFalse(odd.fails());
        Shot rel = byCase.get("ref-relative");
        assertFalse(URI.create(rel.ref()).isAbsolute(), "no scheme");
        assertTrue(Files.exists(rel.file()), "the file is there, relative to the corpus: it still must not be read");
    }

    @Test
    void timingCasesAreAsOddAsTheySay() {
        FramesCase ooo = find("contexts-out-of-order");
        List<Long> order = deviceEvents(ooo).stream().filter(e -> e instanceof ContextEvent).map(RawEvent::tsUs).toList();
        assertTrue(order.get(0) > order.get(1), "the later context arrives first");

        FramesCase sw = find("secret-before-window-switch");
        List<RawEvent> evs = deviceEvents(sw);
        long switchAt = sw.shots().get(0).contextTsUs().get(0);
        long lastKeyBefore = evs.stream().filter(e -> e.kind() == RawEvent.Kind.KEY && e.tsUs() < switchAt)
                .mapToLong(RawEvent::tsUs).max().orElseThrow();
        assertTrue(switchAt - lastKeyBefore <= 20_000, "the switch within 20 ms of the last key");
        assertTrue(evs.stream().anyMatch(e -> e.kind() == RawEvent.Kind.KEY && e.tsUs() > switchAt
                && e.tsUs() < switchAt + 100_000), "the last key's release comes after the switch");

        Shot reused = find("reused-uri").shots().get(0);
        List<Long> at = reused.contextTsUs();
        assertEquals(3, at.size());
        assertTrue(at.get(2) - at.get(1) > 30 * 60_000_000L, "the third use after a break: another episode");
    }

    @Test
    void noTruthNamesTheSecretItself() {
        for (FramesCase c : cases) {
            for (Shot s : c.shots()) {
                for (Region r : s.mustMask()) {
                    assertTrue(r.what().matches("[A-Z_]+|secure_field"), r.what());
                }
            }
        }
        Set<String> refs = new HashSet<>();
        cases.forEach(c -> c.shots().forEach(s -> refs.add(s.ref())));
        assertEquals(cases.stream().mapToLong(c -> c.shots().size()).sum(), refs.size(), "a ref per shot");
    }

    private static FramesCase find(String name) {
        return cases.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<RawEvent> deviceEvents(FramesCase c) {
        return events.stream().filter(e -> e.deviceId().equals(c.deviceId())).toList();
    }

    private static int colours(BufferedImage img, Region r) {
        Set<Integer> seen = new HashSet<>();
        for (int y = r.y(); y < r.y() + r.h(); y++) {
            for (int x = r.x(); x < r.x() + r.w(); x++) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static String formatOf(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            String f = r.getFormatName();
            r.dispose();
            return f;
        }
    }

    private static boolean readFails(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            return img == null;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
