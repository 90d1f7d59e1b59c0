package dev.episodes.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyTest {
    @Test
    void aKeyFileOf32RandomBytesIsUsedAsItIs(@TempDir Path dir) throws Exception {
        byte[] raw = new byte[32];
        new Random(7).nextBytes(raw);
        raw[0] = (byte) 0xFF; // never valid UTF-8: the case that threw MalformedInputException
        raw[31] = '\n'; // and bytes that look like whitespace are key bytes, not trimmed
        Path file = dir.resolve("key");
        Files.write(file, raw);
        PseudonymKey key = PseudonymKey.resolve(file, Map.of());
        assertArrayEquals(raw, key.bytes());
        assertEquals("file " + file, key.source());
    }

    @Test
    void withoutAFileOrTheVariableThereIsNoKey() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of(PseudonymKey.ENV, ""),
                Map.of(PseudonymKey.ENV, "  \n"), Map.of("OTHER", "0123456789abcdef0123456789abcdef"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PseudonymKey.resolve(null, env), "no fallback key for " + env);
            assertEquals(PseudonymKey.MISSING, e.getMessage());
        }
        assertEquals("no pseudonym key: give --pseudonym-key-file FILE or set $EPISODES_PSEUDONYM_KEY (make one "
                + "with: head -c 32 /dev/urandom > pseudonym.key; keep it secret: it links pseudonyms to people)",
                PseudonymKey.MISSING);
    }

    @Test
    void theFormerDevelopmentKeyIsRefusedWhereverItComesFrom(@TempDir Path dir) throws Exception {
        String former = FORMER_DEVELOPMENT_KEY_HEAD + FORMER_DEVELOPMENT_KEY_TAIL;
        Path file = dir.resolve("key");
        Files.writeString(file, former + "\n");
        for (IllegalArgumentException e : List.of(
                assertThrows(IllegalArgumentException.class, () -> PseudonymKey.resolve(file, Map.of())),
                assertThrows(IllegalArgumentException.class,
                        () -> PseudonymKey.resolve(null, Map.of(PseudonymKey.ENV, former))),
                assertThrows(IllegalArgumentException.class,
                        () -> PseudonymKey.of(former.getBytes(StandardCharsets.UTF_8), "bytes")))) {
            assertTrue(e.getMessage().contains("former built-in development key, which is public"), e.getMessage());
        }
    }

    /** The old key, in two halves so this file does not hold it whole either. */
    private static final String FORMER_DEVELOPMENT_KEY_HEAD = "activity-episodes development key: ";
    private static final String FORMER_DEVELOPMENT_KEY_TAIL = "NOT SECRET, do not use in production";

    /** No code, script, manifest or document of the repository carries the old public key any more. */
    @Test
    void noFileOfTheRepositoryHoldsTheFormerDevelopmentKey() throws IOException {
        Path repo = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(repo.resolve("pom.xml")) && Files.isDirectory(repo.resolve("pipeline/src/main")),
                "the repository root: " + repo);
        byte[] needle = (FORMER_DEVELOPMENT_KEY_HEAD + FORMER_DEVELOPMENT_KEY_TAIL).getBytes(StandardCharsets.UTF_8);
        List<String> holders = new ArrayList<>();
        int[] searched = {0};
        try (Stream<Path> files = Files.walk(repo)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String rel = repo.relativize(p).toString().replace('\\', '/');
                        return !rel.startsWith(".git") && !rel.contains("/target/") && !rel.startsWith("target/")
                                && !rel.contains("/.run/") && !rel.contains("demo-out/");
                    })
                    .filter(p -> p.toString().matches(".*\\.(java|sh|yaml|yml|md|properties|conf|xml|json|txt)$")
                            || !p.getFileName().toString().contains("."))
                    .forEach(p -> {
                        searched[0]++;
                        try {
                            if (contains(Files.readAllBytes(p), needle)) {
                                holders.add(repo.relativize(p).toString());
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        assertTrue(searched[0] > 100, "searched " + searched[0] + " files of " + repo);
        assertEquals(List.of(), holders, "files holding the former development key");
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void aTextKeyKeepsItsKeyIdWhateverWhitespaceSurroundsIt(@TempDir Path dir) throws Exception {
        String secret = "correct horse battery staple 42";
        Path file = dir.resolve("key.txt");
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        String fromFile = PseudonymKey.resolve(file, Map.of()).pseudonymizer().keyId();
        String fromEnv = PseudonymKey.resolve(null, Map.of(PseudonymKey.ENV, secret)).pseudonymizer().keyId();
        assertEquals(fromEnv, fromFile, "a text key file means what it always meant: its text, stripped");
        assertArrayEquals(secret.getBytes(StandardCharsets.UTF_8), PseudonymKey.resolve(file, Map.of()).bytes());
    }

    @Test
    void aMissingOrShortKeyFileIsAClearError(@TempDir Path dir) throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PseudonymKey.resolve(dir.resolve("nope"), Map.of()));
        assertTrue(missing.getMessage().contains("does not exist") && missing.getMessage().contains("head -c 32"),
                missing.getMessage());
        IllegalArgumentException folder = assertThrows(IllegalArgumentException.class,
                () -> PseudonymKey.resolve(dir, Map.of()));
        assertTrue(folder.getMessage().contains("cannot be read"), folder.getMessage());
        Path shortKey = dir.resolve("short");
        Files.write(shortKey, new byte[] {1, 2, (byte) 0xFE});
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> PseudonymKey.resolve(shortKey, Map.of()));
        assertTrue(tooShort.getMessage().contains("is 3 bytes; use at least 16"), tooShort.getMessage());
    }
}
