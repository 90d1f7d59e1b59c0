package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.cli.EpisodesCliTest.Run;
import dev.episodes.config.PseudonymKey;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 8: there is no built-in key, so every command that writes pseudonyms refuses to start
 * without one: the one line of {@link PseudonymKey#MISSING}, exit 2, and nothing written (no output
 * folder, no {@code _meta}, no checkpoint folder, no audit line).
 */
class NoKeyTest {
    static final String LINE = "error: " + PseudonymKey.MISSING + "\n";

    @BeforeAll
    static void theEnvironmentHoldsNoKey() {
        assertNull(System.getenv(PseudonymKey.ENV), "these tests run without a key: unset $" + PseudonymKey.ENV);
    }

    @Test
    void theLineNamesBothWaysToGiveAKeyAndHowToMakeOne() {
        assertTrue(LINE.startsWith("error: no pseudonym key: give --pseudonym-key-file FILE or set $EPISODES_PSEUDONYM_KEY"));
        assertTrue(LINE.contains("head -c 32 /dev/urandom > pseudonym.key") && LINE.contains("keep it secret"), LINE);
    }

    @Test
    void replayFromArchivesWritesNothing(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Path out = dir.resolve("out");
        refused(run("replay", "--input", input.toString(), "--out", out.toString()));
        assertFalse(Files.exists(out), "no output folder");
        // An output folder that exists is left as it was: no _meta, no lease, no staging.
        Files.createDirectories(out);
        refused(run("replay", "--input", input.toString(), "--out", out.toString()));
        assertEquals(Map.of(), files(out));
    }

    @Test
    void replayFromKafkaWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        refused(run("replay", "--bootstrap", "127.0.0.1:1", "--from", "2026-11-27T00:00:00Z", "--to",
                "2026-11-28T00:00:00Z", "--out", out.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void nightlyWritesNothing(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Path out = dir.resolve("out");
        refused(run("nightly", "--date", "2026-11-27", "--input", input.toString(), "--out", out.toString()));
        refused(run("nightly", "--from-date", "2026-11-26", "--to-date", "2026-11-28", "--input", input.toString(),
                "--out", out.toString()));
        refused(run("nightly", "--date", "2026-11-27", "--bootstrap", "127.0.0.1:1", "--out", out.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void streamMakesNoCheckpointFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        refused(run("stream", "--bootstrap", "127.0.0.1:1", "--out", out.toString()));
        Path state = dir.resolve("state");
        refused(run("stream", "--bootstrap", "127.0.0.1:1", "--out", out.toString(), "--checkpoint-dir", state.toString()));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no dataset, no dataset.state, no checkpoint folder");
        }
    }

    @Test
    void eraseChangesNothing(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("dataset");
        Files.createDirectories(root.resolve("dt=2026-11-27"));
        Files.writeString(root.resolve("dt=2026-11-27/_manifest.json"), "{}");
        Map<String, Long> before = files(root);
        refused(run("erase", "--user", "u-1001", "--root", root.toString()));
        assertEquals(before, files(root), "no audit line, no lease, nothing rewritten");
    }

    @Test
    void withTheKeyTheSameCommandGetsPastIt(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Run r = run("replay", "--input", input.toString(), "--out", "/proc/episodes-out",
                "--pseudonym-key-file", TestKey.path());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot be created"), "past the key, the next check stops it: " + r.err());
    }

    private static Run run(String... args) {
        return EpisodesCliTest.run(args);
    }

    private static void refused(Run r) {
        assertEquals(2, r.code(), r.err());
        assertEquals(LINE, r.err(), "exactly the one line");
        assertEquals("", r.out());
    }

    private static Map<String, Long> files(Path root) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                out.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.size(p) : -1L);
            }
        }
        out.remove("");
        return out;
    }
}
