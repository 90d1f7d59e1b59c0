package dev.episodes.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PseudonymKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/local/submit always hands a job a pseudonym key: the flags' own, or the state directory's,
 * made once (32 random bytes, 0600) and the same for every later job. Runs lib.sh's default_key in bash;
 * no cluster is needed.
 */
class LocalKeyTest {
    private static final Path LIB = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
            .resolve("deploy/local/lib.sh");

    record Out(int code, String stdout) {}

    static Out defaultKey(Path runDir, String... flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "source \"$0\" && default_key \"$@\"", LIB.toString()));
        cmd.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove(PseudonymKey.ENV);
        pb.environment().put("EPISODES_LOCAL_DIR", runDir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "default_key finished");
        return new Out(p.exitValue(), out);
    }

    @Test
    void flagsWithoutAKeyGetTheStateDirectorysOwnMadeOnce(@TempDir Path dir) throws Exception {
        Path run = dir.resolve(".run");
        Out first = defaultKey(run, "--bootstrap", "127.0.0.1:9092", "--out", "/data/episodes");
        assertEquals(0, first.code());
        Path key = run.resolve("pseudonym.key");
        assertEquals(key.toString(), first.stdout());
        byte[] bytes = Files.readAllBytes(key);
        assertEquals(32, bytes.length);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
        assertEquals(32, PseudonymKey.resolve(key, java.util.Map.of()).bytes().length, "a key the jobs accept");

        Out again = defaultKey(run, "--out", "/data/episodes");
        assertEquals(key.toString(), again.stdout());
        assertArrayEquals(bytes, Files.readAllBytes(key), "every later job and a resume get the same key");
        try (var left = Files.list(run)) {
            assertEquals(List.of(key), left.toList(), "no temporary file left");
        }
    }

    @Test
    void aKeyTheFlagsNameIsLeftAlone(@TempDir Path dir) throws Exception {
        Path run = dir.resolve(".run");
        assertEquals("", defaultKey(run, "--out", "o", "--pseudonym-key-file", "/etc/episodes/pseudonym.key").stdout());
        assertEquals("", defaultKey(run, "--out", "o", "--pseudonym-key-file=/etc/k").stdout());
        Path conf = Files.writeString(dir.resolve("episodes.properties"), "session-gap=5m\n stream.pseudonym-key-file = /k\n");
        assertEquals("", defaultKey(run, "--config", conf.toString(), "--out", "o").stdout());
        assertEquals("", defaultKey(run, "--config=" + conf, "--out", "o").stdout());
        assertFalse(Files.exists(run.resolve("pseudonym.key")), "no key made when the job has one");

        Path without = Files.writeString(dir.resolve("other.properties"), "session-gap=5m\n");
        assertEquals(run.resolve("pseudonym.key").toString(), defaultKey(run, "--config", without.toString()).stdout(),
                "a --config without a key line still gets one");
    }
}
