package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./episodes demo --store s3}: the dataset goes to an S3 server the demo starts, and stays readable
 * afterwards as the server's plain files; it holds what the same demo writes to a local folder.
 */
class DemoS3ITCase {
    @AfterEach
    void resetFileSystems() throws Exception {
        StoreSettings.none().apply();
    }

    @Test
    void theDemoIntoS3WritesWhatTheLocalDemoWrites(@TempDir Path dir) throws Exception {
        EpisodesCliTest.Run local = EpisodesCliTest.run("demo", "--dir", dir.resolve("local").toString(),
                "--people", "2", "--minutes", "3", "--file-replay");
        assertEquals(0, local.code(), local.err());
        EpisodesCliTest.Run s3 = EpisodesCliTest.run("demo", "--dir", dir.resolve("s3demo").toString(),
                "--people", "2", "--minutes", "3", "--file-replay", "--store", "s3");
        assertEquals(0, s3.code(), s3.err());
        Path objects = dir.resolve("s3demo/s3/data/demo/episodes");
        assertTrue(Files.isDirectory(objects), "the objects stay as plain files: " + s3.out());
        List<Long> rows = DemoITCase.rowsAndKeys(objects);
        assertTrue(rows.get(0) > 0, "steps in S3");
        assertEquals(rows.get(0), rows.get(1), "every (episode_id, step_index) once");
        assertEquals(DemoITCase.rowsAndKeys(dir.resolve("local/dataset")), rows, "as many steps as the local demo");
        try (Stream<Path> files = Files.walk(objects)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp object");
        }
        EpisodesCliTest.Run verify = EpisodesCliTest.run("inspect", objects.toString(), "--verify");
        assertEquals(0, verify.code(), verify.out() + verify.err());
    }
}
