package dev.episodes.flink.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.episodes.flink.serialization.LayoutSamples.Layout;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout guard: every serializer of state and committables (the registry in {@link LayoutSamples})
 * writes its fixed sample to the bytes recorded for its version in {@code serializer-layouts.txt}
 * (SHA-256) and {@code serializer-layouts/<class>-v<version>.bin}. Changed bytes at the same version
 * fail: a changed layout must bump the version and keep a reader for the old one, or savepoints stop
 * restoring. The committed bytes of older versions are read with the old-version read path.
 * {@code -Dlayouts.write=true} records the current versions' lines and bytes (docs/state.md).
 */
class SerializerLayoutsTest {
    static final Path GOLDEN = Path.of("src/test/resources/serializer-layouts.txt");
    static final Path SAMPLES = Path.of("src/test/resources/serializer-layouts");
    static final String HEADER = """
            # Serializer layouts under guard (SerializerLayoutsTest): class, layout version, SHA-256 of its sample.
            # Never edit a line: a changed layout bumps the version, keeps a reader of the old one and adds a line
            # (mvn ... -Dtest=SerializerLayoutsTest -Dlayouts.write=true). Lines of older versions stay. docs/state.md.
            """;

    @BeforeAll
    static void writeWhenAsked() throws IOException {
        if (!Boolean.getBoolean("layouts.write")) {
            return;
        }
        Map<String, String> lines = golden();
        Files.createDirectories(SAMPLES);
        for (Layout l : LayoutSamples.all()) {
            byte[] bytes = l.sample();
            lines.put(l.name() + " " + l.version(), sha256(bytes));
            Files.write(sampleFile(l.name(), l.version()), bytes);
        }
        StringBuilder text = new StringBuilder(HEADER);
        lines.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
        Files.writeString(GOLDEN, text);
        System.out.println("wrote " + GOLDEN.toAbsolutePath() + " and the samples in " + SAMPLES.toAbsolutePath());
    }

    @Test
    void everyLayoutWritesTheBytesRecordedForItsVersion() throws IOException {
        Map<String, String> golden = golden();
        List<String> problems = new ArrayList<>();
        for (Layout l : LayoutSamples.all()) {
            String recorded = golden.get(l.name() + " " + l.version());
            String now = sha256(l.sample());
            if (recorded == null) {
                problems.add(l.name() + " version " + l.version() + " has no line: a new layout (or version) records"
                        + " one with -Dlayouts.write=true");
            } else if (!recorded.equals(now)) {
                problems.add(l.name() + " version " + l.version() + " changed its bytes (sha256 " + now + ", recorded "
                        + recorded + "): bump its version, keep a reader for version " + l.version()
                        + ", and add a line for the new version with -Dlayouts.write=true (docs/state.md)");
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void everySampleRoundTrips() throws IOException {
        for (Layout l : LayoutSamples.all()) {
            byte[] once = l.sample();
            byte[] again = l.rewrite(l.version(), once);
            assertArrayEquals(once, again, l.name() + ": written, read and written again");
            assertArrayEquals(again, l.rewrite(l.version(), again), l.name());
        }
    }

    @Test
    void theCommittedBytesOfEveryVersionStillRead() throws IOException {
        Map<String, Layout> layouts = new TreeMap<>();
        for (Layout l : LayoutSamples.all()) {
            layouts.put(simpleName(l.name()), l);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(SAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
        Set<String> seenCurrent = new TreeSet<>();
        for (Path file : files) {
            String f = file.getFileName().toString();
            int dash = f.lastIndexOf("-v");
            Layout l = layouts.get(f.substring(0, dash));
            int version = Integer.parseInt(f.substring(dash + 2, f.length() - ".bin".length()));
            assertTrue(l != null, f + ": a sample of a layout no longer in LayoutSamples");
            byte[] bytes = Files.readAllBytes(file);
            if (version == l.version()) {
                seenCurrent.add(l.name());
                assertArrayEquals(l.sample(), bytes, f + " is the current sample's bytes (rerun -Dlayouts.write=true"
                        + " only together with a new version)");
            } else {
                assertTrue(version < l.version(), f + ": newer than the version " + l.version() + " this build writes");
                assertTrue(l.reads(version), f + ": this build no longer reads version " + version + " of "
                        + l.name() + "; savepoints holding it would not restore");
            }
            byte[] now = l.rewrite(version, bytes); // the read path of that version, then the current writer
            assertArrayEquals(now, l.rewrite(l.version(), now), f + " read and rewritten in the current layout");
        }
        assertEquals(layouts.size(), seenCurrent.size(), "a committed sample of every current layout: " + seenCurrent);
    }

    @Test
    void theMaskMemorySampleHoldsWhatTheDeviceRemembers() throws IOException {
        // The mask memory is a state of its own (not in the device state every event reads).
        var codec = new MaskPlannerCodec();
        var remembered = new LayoutSamples.CodecLayout<>(codec, List.of(LayoutSamples.maskMemory()));
        var empty = new LayoutSamples.CodecLayout<>(codec, List.of(new dev.episodes.masking.MaskPlanner()));
        assertTrue(remembered.sample().length > empty.sample().length, "the closed episode's secret field is remembered");
    }

    @Test
    void everyCodecIsInTheRegistry() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (Layout l : LayoutSamples.all()) {
            registered.add(l.name());
        }
        Set<String> codecs = new TreeSet<>();
        Path classes = Path.of(Codec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replace(".class", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (Codec.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                    codecs.add(c.getName());
                }
            }
        }
        for (Codec<?> c : PipelineTypesScan.codecs()) {
            codecs.add(c.getClass().getName());
        }
        assertTrue(codecs.size() >= 6, "found the codecs: " + codecs);
        Set<String> missing = new TreeSet<>(codecs);
        missing.removeAll(registered);
        assertTrue(missing.isEmpty(), "codecs without a sample in LayoutSamples (add one, then -Dlayouts.write=true): "
                + missing);
    }

    static Map<String, String> golden() throws IOException {
        Map<String, String> lines = new TreeMap<>();
        if (!Files.exists(GOLDEN)) {
            return lines;
        }
        for (String line : Files.readAllLines(GOLDEN)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            lines.put(f[0] + " " + f[1], f[2]);
        }
        return lines;
    }

    static Path sampleFile(String name, int version) {
        return SAMPLES.resolve(simpleName(name) + "-v" + version + ".bin");
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
