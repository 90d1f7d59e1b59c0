package dev.episodes.writing;

import dev.episodes.testing.HdfsServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The end-to-end runs on HDFS (MiniDFSCluster in this JVM), the only datanode gone mid-commit and back. */
class HdfsDatasetITCase extends DatasetOnStoreContract {
    @RegisterExtension
    static final HdfsServer HDFS = new HdfsServer();

    @Override
    String freshRoot() {
        return HDFS.hdfs().uri() + "/datasets/" + freshKey();
    }

    @Override
    void storeGone() {
        HDFS.hdfs().stopDataNode();
    }

    @Override
    void storeBack() throws Exception {
        HDFS.hdfs().restartDataNode();
    }
}
