package dev.episodes.writing;

import dev.episodes.storage.StoreSettings;
import dev.episodes.storage.embedded.LocalS3;
import dev.episodes.testing.TestStores;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The end-to-end runs on S3 (S3Proxy in a child process), the server stopped mid-commit and restarted. */
class S3DatasetITCase extends DatasetOnStoreContract {
    static LocalS3 s3;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = LocalS3.start(Files.createTempDirectory("s3-datasets"), LocalS3.findJar());
        s3.createBucket("episodes");
        TestStores.s3(s3).apply(); // operators and Store.of(uri) pick the settings up (StoreSettings.current())
    }

    @AfterAll
    static void stopServer() throws Exception {
        StoreSettings.none().apply();
        if (s3 != null) {
            s3.close();
        }
    }

    @Override
    String freshRoot() {
        return "s3://episodes/" + freshKey();
    }

    @Override
    void storeGone() throws Exception {
        s3.stop();
    }

    @Override
    void storeBack() throws Exception {
        s3.start();
    }
}
