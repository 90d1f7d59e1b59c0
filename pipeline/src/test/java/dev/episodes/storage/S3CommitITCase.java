package dev.episodes.storage;

import dev.episodes.storage.embedded.LocalS3;
import dev.episodes.testing.TestStores;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The commit protocol on S3 (S3Proxy in a child process), with the server stopped mid-commit. */
class S3CommitITCase extends CommitContract {
    static LocalS3 s3;
    static StoreSettings settings;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = LocalS3.start(Files.createTempDirectory("s3-commit"), LocalS3.findJar());
        s3.createBucket("episodes");
        settings = TestStores.s3(s3);
        settings.apply();
    }

    @AfterAll
    static void stopServer() throws Exception {
        StoreSettings.none().apply();
        if (s3 != null) {
            s3.close();
        }
    }

    @Override
    Store freshStore() throws Exception {
        return Store.of("s3://episodes/" + StoreContract.freshKey(), settings);
    }

    @Override
    void stopStore() throws Exception {
        s3.stop();
    }

    @Override
    void startStore() throws Exception {
        long t0 = System.nanoTime();
        s3.start();
        System.out.printf("S3Proxy restarted in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }
}
