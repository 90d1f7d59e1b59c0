package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.config.PseudonymKey;
import dev.episodes.testing.TestKey;
import dev.episodes.writing.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar users run, in its own JVM with only its own classpath (the test classpath hides missing
 * runtime classes, e.g. Hadoop's API that parquet-java's readers load): generate, nightly, erase.
 */
class RunnableJarITCase {
    static final Path JAR = Path.of("target/episodes.jar").toAbsolutePath();
    /**
     * For the seconds-long JVMs these tests start: the client compiler only. Measured on a 2-core machine,
     * a small replay from the jar took half the CPU time (6.5 s instead of 12) and about 40% less wall time.
     */
    static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

    record Result(int code, String out) {}

    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", QUICK_JIT, "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "run", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove(PseudonymKey.ENV); // a key is given with the flag, or there is none
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void generateNightlyAndEraseWorkFromTheJarAlone(@TempDir Path dir) throws Exception {
        assertTrue(Files.exists(JAR), "package the jar first: " + JAR);
        Result gen = run(dir, "generate", "--out", "in/activity.jsonl", "--people", "2", "--minutes", "5");
        assertEquals(0, gen.code(), gen.out());

        Result nightly = run(dir, "nightly", "--pseudonym-key-file", TestKey.path(),
                "--date", "2026-11-27", "--input", "in", "--out", "ds", "--parallelism", "2");
        assertEquals(0, nightly.code(), nightly.out());
        JsonNode m = Json.MAPPER.readTree(dir.resolve("ds/dt=2026-11-27/_manifest.json").toFile());
        assertTrue(m.get("totals").get("episodes").asLong() > 0, nightly.out());
        assertTrue(m.has("stats"), "statistics read back from the shards");

        Result erase = run(dir, "erase", "--pseudonym-key-file", TestKey.path(), "--user", "u-1001", "--root", "ds");
        assertEquals(0, erase.code(), erase.out());
        assertTrue(Files.isDirectory(dir.resolve("ds/_private/erasures")), erase.out()); // one record file per erasure
    }

    /** Issue 12: a normal run prints our lines only (no Flink/Akka/Kafka shutdown warnings, no colour codes). */
    @Test
    void normalRunsAreQuietAndMistakesAreOneLine(@TempDir Path dir) throws Exception {
        assertTrue(Files.exists(JAR), "package the jar first: " + JAR);
        Result demo = run(dir, "demo", "--dir", "demo", "--people", "2", "--minutes", "3");
        assertEquals(0, demo.code(), demo.out());
        for (String line : demo.out().split("\\R")) {
            assertFalse(line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("\u001b["), line);
        }
        Result none = run(dir);
        assertEquals(2, none.code(), none.out());
        Result noKey = run(dir, "nightly", "--date", "2026-11-27", "--input", "demo/input", "--out", "keyless");
        assertEquals(2, noKey.code(), noKey.out());
        assertEquals("error: " + PseudonymKey.MISSING + "\n", noKey.out(), "one line, nothing else");
        assertFalse(Files.exists(dir.resolve("keyless")), "refused before the output folder was made");
        assertTrue(demo.out().contains("Pseudonym key: " + dir.resolve("demo/pseudonym.key").toAbsolutePath()),
                demo.out());
        assertEquals(32, Files.size(dir.resolve("demo/pseudonym.key")), "the demo's own random key");
        Result file = run(dir, "replay", "--pseudonym-key-file", TestKey.path(),
                "--input", "demo/input", "--out", "demo/input/activity.jsonl.gz");
        assertEquals(2, file.code(), file.out());
        assertEquals(1, file.out().strip().split("\\R").length, file.out());
        // Roots are made absolute when parsed (a URI or a path), and the message names the one it refused.
        assertTrue(file.out().startsWith("error: --out " + dir.resolve("demo/input/activity.jsonl.gz").toAbsolutePath()
                + " is a file"), file.out());
    }
}
