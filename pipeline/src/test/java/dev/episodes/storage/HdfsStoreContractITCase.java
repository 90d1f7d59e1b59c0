package dev.episodes.storage;

import dev.episodes.testing.HdfsServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on HDFS: a MiniDFSCluster in this JVM through Flink's Hadoop file system. */
class HdfsStoreContractITCase extends StoreContract {
    @RegisterExtension
    static final HdfsServer HDFS = new HdfsServer();

    @Override
    Store freshStore() throws Exception {
        return Store.of(HDFS.hdfs().uri() + "/datasets/" + freshKey(), HDFS.settings());
    }

    @Override
    int replacements() {
        return 30;
    }
}
