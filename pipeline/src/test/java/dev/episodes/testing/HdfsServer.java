package dev.episodes.testing;

import dev.episodes.storage.StoreSettings;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HDFS for a test class ({@code @RegisterExtension static final HdfsServer HDFS = new HdfsServer()}):
 * a MiniDFSCluster, Flink's file systems configured for it for the class, reset after.
 */
public final class HdfsServer implements BeforeAllCallback, AfterAllCallback {
    private LocalHdfs hdfs;
    private StoreSettings settings;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        long t0 = System.nanoTime();
        hdfs = LocalHdfs.start(Files.createTempDirectory("hdfs-" + context.getRequiredTestClass().getSimpleName()));
        System.out.printf("MiniDFSCluster up in %d ms at %s%n", (System.nanoTime() - t0) / 1_000_000, hdfs.uri());
        settings = hdfs.settings();
        settings.apply();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        StoreSettings.none().apply();
        if (hdfs != null) {
            hdfs.close();
        }
    }

    public LocalHdfs hdfs() {
        return hdfs;
    }

    public StoreSettings settings() {
        return settings;
    }

    /** {@code hdfs://…/datasets/<key>}. */
    public String uri(String key) {
        return hdfs.uri() + "/datasets/" + key;
    }
}
