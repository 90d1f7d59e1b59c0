package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PseudonymKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's folder is its own: a rerun clears what a demo made there, and nothing else is ever deleted. */
class DemoCommandTest {
    @Test
    void aFolderWithFilesNoDemoMadeIsRefusedBeforeAnythingIsDeleted(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("dataset/dt=2026-11-27"));
        Files.writeString(dir.resolve("thesis.tex"), "mine");
        EpisodesCliTest.Run r = EpisodesCliTest.run("demo", "--dir", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --dir ") && r.err().contains("thesis.tex"), r.err());
        assertTrue(Files.exists(dir.resolve("thesis.tex")) && Files.exists(dir.resolve("dataset/dt=2026-11-27")));

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertEquals(List.of("a file, not a folder"), DemoCommand.foreign(file));
    }

    @Test
    void whatAnEarlierDemoMadeIsClearedAndHiddenFilesStay(@TempDir Path dir) throws Exception {
        for (String made : DemoCommand.MADE) {
            Files.createDirectories(dir.resolve(made).resolve("sub"));
            Files.writeString(dir.resolve(made).resolve("sub/f"), "old");
        }
        Files.writeString(dir.resolve(".DS_Store"), "");
        assertEquals(List.of(), DemoCommand.foreign(dir));
        assertTrue(DemoCommand.clearPrevious(dir));
        for (String made : DemoCommand.MADE) {
            assertFalse(Files.exists(dir.resolve(made)), made);
        }
        assertTrue(Files.exists(dir.resolve(".DS_Store")));
        assertFalse(DemoCommand.clearPrevious(dir), "nothing left to clear");
        assertEquals(List.of(), DemoCommand.foreign(dir.resolve("not-yet")), "a new folder is fine");
    }

    @Test
    void theDemoMakesItsOwnRandomKeyOnceAndKeepsItAcrossReruns(@TempDir Path dir) throws Exception {
        Path demo = dir.resolve("demo");
        Path key = DemoCommand.ownKey(demo);
        assertEquals(demo.resolve("pseudonym.key"), key);
        byte[] bytes = Files.readAllBytes(key);
        assertEquals(32, bytes.length);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key), "mode 0600");
        assertEquals(32, PseudonymKey.resolve(key, Map.of()).bytes().length, "used as it is");

        assertEquals(List.of(), DemoCommand.foreign(demo), "the key is the demo's own, not a foreign file");
        for (String made : DemoCommand.MADE) {
            Files.createDirectories(demo.resolve(made));
        }
        assertTrue(DemoCommand.clearPrevious(demo));
        assertTrue(Files.exists(key), "a rerun clears the dataset but keeps the key");
        assertEquals(key, DemoCommand.ownKey(demo));
        assertArrayEquals(bytes, Files.readAllBytes(key), "reused, not remade");
        try (var left = Files.list(demo)) {
            assertEquals(List.of(key), left.toList(), "no temporary file left beside it");
        }

        byte[] other = Files.readAllBytes(DemoCommand.ownKey(dir.resolve("another")));
        assertFalse(java.util.Arrays.equals(bytes, other), "every demo folder gets its own random key");
    }

    @Test
    void aStoreTheDemoCannotStartIsOneLineBeforeAnythingIsMade(@TempDir Path dir) {
        EpisodesCliTest.Run other = EpisodesCliTest.run("demo", "--dir", dir.resolve("d").toString(), "--store", "ftp");
        assertEquals(2, other.code(), other.err());
        assertEquals(1, other.err().strip().lines().count(), other.err());
        assertTrue(other.err().startsWith("error: --store must be local, s3 or hdfs, got 'ftp'"), other.err());
        assertFalse(Files.exists(dir.resolve("d")), "nothing made");
        assertTrue(DemoCommand.MADE.contains("s3"), "a rerun clears the previous demo's S3 objects too");
        assertTrue(DemoCommand.MADE.contains("hdfs"), "and its HDFS data");
    }
}
