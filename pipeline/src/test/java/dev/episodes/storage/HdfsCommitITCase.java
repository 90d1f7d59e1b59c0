package dev.episodes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.testing.HdfsServer;
import dev.episodes.writing.PartitionLog;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The commit protocol on HDFS (MiniDFSCluster), with the datanode gone mid-commit and the namenode stopped. */
class HdfsCommitITCase extends CommitContract {
    @RegisterExtension
    static final HdfsServer HDFS = new HdfsServer();

    @Override
    Store freshStore() throws Exception {
        return Store.of(HDFS.hdfs().uri() + "/datasets/" + StoreContract.freshKey(), HDFS.settings());
    }

    /** The only datanode gone: the namenode answers, no block can be written. */
    @Override
    void stopStore() {
        HDFS.hdfs().stopDataNode();
    }

    @Override
    void startStore() throws Exception {
        HDFS.hdfs().restartDataNode();
    }

    @Test
    void aStoppedNamenodeFailsTheCommitQuicklyAndTheNextOneSucceedsOnceBack() throws Exception {
        Store store = freshStore();
        PartitionLog log = log(store);
        log.commit(append("steps/a.parquet"));
        HDFS.hdfs().stopNameNode();
        long t0 = System.nanoTime();
        assertThrows(IOException.class, () -> log.commit(append("steps/b.parquet")));
        long failMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(failMs < 30_000, "the failed commit took " + failMs + " ms");
        HDFS.hdfs().restartNameNode();
        assertWhole(store, 1);
        assertTrue(log.commit(append("steps/b.parquet")).committed());
        assertEquals(Set.of("steps/a.parquet", "steps/b.parquet"), log.current().files());
        assertWhole(store, 2);
        System.out.printf("a commit with the namenode stopped failed in %d ms%n", failMs);
    }
}
