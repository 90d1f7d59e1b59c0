package dev.episodes.writing;

import dev.episodes.storage.StoreSettings;
import dev.episodes.testing.LocalHdfs;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The end-to-end runs on HDFS (MiniDFSCluster in this JVM), the only datanode gone mid-commit and back. */
class HdfsDatasetITCase extends DatasetOnStoreContract {
    static LocalHdfs hdfs;

    @BeforeAll
    static void startCluster() throws Exception {
        hdfs = LocalHdfs.start(Files.createTempDirectory("hdfs-datasets"));
        hdfs.settings().apply();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        StoreSettings.none().apply();
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Override
    String freshRoot() {
        return hdfs.uri() + "/datasets/" + freshKey();
    }

    @Override
    void storeGone() {
        hdfs.stopDataNode();
    }

    @Override
    void storeBack() throws Exception {
        hdfs.restartDataNode();
    }
}
