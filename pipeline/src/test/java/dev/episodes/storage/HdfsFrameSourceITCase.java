package dev.episodes.storage;

import dev.episodes.testing.HdfsServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Screenshots on HDFS (a MiniDFSCluster in this JVM) through Flink's Hadoop file system. */
class HdfsFrameSourceITCase extends FrameSourceContract {
    @RegisterExtension
    static final HdfsServer HDFS = new HdfsServer();

    @Override
    Store freshStore() throws Exception {
        return Store.of(HDFS.uri(freshKey()), HDFS.settings());
    }
}
