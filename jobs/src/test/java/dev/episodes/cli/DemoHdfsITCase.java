package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./episodes demo --store hdfs}: an HDFS of its own (a child process), the dataset written there,
 * copied out afterwards so it stays readable, and equal to what the local demo writes.
 */
class DemoHdfsITCase {
    @AfterEach
    void resetFileSystems() throws Exception {
        StoreSettings.none().apply();
    }

    @Test
    void theDemoIntoHdfsWritesWhatTheLocalDemoWrites(@TempDir Path dir) throws Exception {
        EpisodesCliTest.Run local = EpisodesCliTest.run("demo", "--dir", dir.resolve("local").toString(),
                "--people", "2", "--minutes", "3", "--file-replay");
        assertEquals(0, local.code(), local.err());
        EpisodesCliTest.Run hdfs = EpisodesCliTest.run("demo", "--dir", dir.resolve("hdfsdemo").toString(),
                "--people", "2", "--minutes", "3", "--file-replay", "--store", "hdfs");
        assertEquals(0, hdfs.code(), hdfs.err());
        Path copy = dir.resolve("hdfsdemo/dataset");
        assertTrue(Files.isDirectory(copy.resolve("_meta")), "the dataset copied out of HDFS");
        var rows = DemoITCase.rowsAndKeys(copy);
        assertTrue(rows.get(0) > 0);
        assertEquals(DemoITCase.rowsAndKeys(dir.resolve("local/dataset")), rows, "as many steps as the local demo");
        EpisodesCliTest.Run verify = EpisodesCliTest.run("inspect", copy.toString(), "--verify");
        assertEquals(0, verify.code(), verify.out() + verify.err());
    }
}
