package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.testing.TestKey;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A truncated {@code .jsonl.gz} as a user meets it, from the jar in its own JVM (its own logging setup):
 * one {@code error:} line naming the file and line, exit 2, no stack trace; with
 * {@code --on-corrupt-archive skip} the run goes on and counts it.
 */
class CorruptArchiveJarITCase {
    @Test
    void aTruncatedGzipIsOneErrorLineOrWithSkipACountedDeadLetter(@TempDir Path dir) throws Exception {
        RunnableJarITCase.Result gen = RunnableJarITCase.run(dir, "generate", "--out", "in/a.jsonl", "--people", "2",
                "--minutes", "3");
        assertEquals(0, gen.code(), gen.out());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(dir.resolve("in/a.jsonl")));
        }
        Files.createDirectories(dir.resolve("in/sub"));
        Files.write(dir.resolve("in/sub/broken.jsonl.gz"), Arrays.copyOf(gz.toByteArray(), gz.size() / 2));

        RunnableJarITCase.Result failed = RunnableJarITCase.run(dir, "replay", "--pseudonym-key-file", TestKey.path(),
                "--input", "in", "--out", "ds",
                "--parallelism", "1");
        assertEquals(2, failed.code(), failed.out());
        List<String> errors = failed.out().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), failed.out());
        assertTrue(errors.get(0).matches("error: input file sub/broken\\.jsonl\\.gz cannot be read at line \\d+ .*"),
                errors.get(0));
        assertFalse(failed.out().contains("\tat ") || failed.out().contains("Caused by"), failed.out());

        RunnableJarITCase.Result skipped = RunnableJarITCase.run(dir, "replay", "--pseudonym-key-file", TestKey.path(),
                "--input", "in", "--out", "ds",
                "--parallelism", "1", "--on-corrupt-archive", "skip");
        assertEquals(0, skipped.code(), skipped.out());
        assertTrue(skipped.out().contains("corrupt_archive 1"), skipped.out());
        assertTrue(skipped.out().contains("accounted for      yes"), skipped.out());
    }
}
