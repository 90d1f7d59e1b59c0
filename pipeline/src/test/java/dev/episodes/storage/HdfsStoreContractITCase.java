package dev.episodes.storage;

import dev.episodes.testing.LocalHdfs;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on HDFS: a MiniDFSCluster in this JVM through Flink's Hadoop file system. */
class HdfsStoreContractITCase extends StoreContract {
    static LocalHdfs hdfs;
    static StoreSettings settings;

    @BeforeAll
    static void startCluster() throws Exception {
        long t0 = System.nanoTime();
        hdfs = LocalHdfs.start(Files.createTempDirectory("hdfs-contract"));
        System.out.printf("MiniDFSCluster up in %d ms at %s%n", (System.nanoTime() - t0) / 1_000_000, hdfs.uri());
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
        return Store.of(hdfs.uri() + "/datasets/" + freshKey(), settings);
    }

    @Override
    int replacements() {
        return 30;
    }
}
