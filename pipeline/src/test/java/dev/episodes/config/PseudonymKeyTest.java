package dev.episodes.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
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
        assertFalse(key.development());
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
