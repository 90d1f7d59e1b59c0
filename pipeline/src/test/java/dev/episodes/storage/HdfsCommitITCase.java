package dev.episodes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.testing.LocalHdfs;
import dev.episodes.writing.PartitionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The commit protocol on HDFS (MiniDFSCluster), with the datanode gone mid-commit and the namenode stopped. */
class HdfsCommitITCase extends CommitContract {
    static LocalHdfs hdfs;
    static StoreSettings settings;

    @BeforeAll
    static void startCluster() throws Exception {
        hdfs = LocalHdfs.start(Files.createTempDirectory("hdfs-commit"));
        settings = hdfs.settings();
        settings.apply();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        StoreSettings.none().apply();
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Override
    Store freshStore() throws Exception {
        return Store.of(hdfs.uri() + "/datasets/" + StoreContract.freshKey(), settings);
    }

    /** The only datanode gone: the namenode answers, no block can be written. */
    @Override
    void stopStore() {
        hdfs.stopDataNode();
    }

    @Override
    void startStore() throws Exception {
        hdfs.restartDataNode();
    }

    @Test
    void aStoppedNamenodeFailsTheCommitQuicklyAndTheNextOneSucceedsOnceBack() throws Exception {
        Store store = freshStore();
        PartitionLog log = log(store);
        log.commit(append("steps/a.parquet"));
        hdfs.stopNameNode();
        long t0 = System.nanoTime();
        assertThrows(IOException.class, () -> log.commit(append("steps/b.parquet")));
        long failMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(failMs < 30_000, "the failed commit took " + failMs + " ms");
        hdfs.restartNameNode();
        assertWhole(store, 1);
        assertTrue(log.commit(append("steps/b.parquet")).committed());
        assertEquals(Set.of("steps/a.parquet", "steps/b.parquet"), log.current().files());
        assertWhole(store, 2);
        System.out.printf("a commit with the namenode stopped failed in %d ms%n", failMs);
    }
}
