package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A root on a store this run cannot use is one error line and the usage exit code, before any work. */
class PreflightStoreTest {
    @Test
    void aStoreWithoutAFileSystemStopsTheBuildBeforeItStarts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        EpisodesCliTest.Run replay = EpisodesCliTest.run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.toString(), "--out", "gs://no-such-bucket/episodes");
        EpisodesCliTest.Run nightly = EpisodesCliTest.run("nightly", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.toString(), "--out", "gs://no-such-bucket/episodes", "--date", "2026-11-30");
        for (EpisodesCliTest.Run r : new EpisodesCliTest.Run[] {replay, nightly}) {
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: --out gs://no-such-bucket/episodes: this program has no file "
                    + "system for gs://"), r.err());
        }
    }

    @Test
    void theStreamingJobChecksItsStoreToo() {
        EpisodesCliTest.Run r = EpisodesCliTest.run("stream", "--pseudonym-key-file", TestKey.path(),
                "--bootstrap", "127.0.0.1:1", "--out", "gs://no-such-bucket/episodes");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --out gs://no-such-bucket/episodes: this program has no file "
                + "system for gs://"), r.err());
    }

    @Test
    void localRootsKeepTheLocalChecks(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        EpisodesCliTest.Run r = EpisodesCliTest.run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.resolve("a.jsonl").toString(), "--out", "file://" + file);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is a file, not a folder"), r.err());
        EpisodesCliTest.Run inside = EpisodesCliTest.run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.toString(), "--out", "file://" + dir.resolve("ds"));
        assertEquals(2, inside.code(), inside.err());
        assertTrue(inside.err().contains("is inside --input"), inside.err());
    }
}
