package dev.episodes.storage;

import dev.episodes.storage.embedded.LocalS3;
import dev.episodes.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on S3: S3Proxy in a child process, Flink's S3 file system and the SDK's conditional PUT. */
class S3StoreContractITCase extends StoreContract {
    static Path dir;
    static LocalS3 s3;
    static StoreSettings settings;

    @BeforeAll
    static void startServer() throws Exception {
        dir = Files.createTempDirectory("s3-contract");
        long t0 = System.nanoTime();
        s3 = LocalS3.start(dir, LocalS3.findJar());
        System.out.printf("S3Proxy up in %d ms at %s%n", (System.nanoTime() - t0) / 1_000_000, s3.endpoint());
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
        return Store.of("s3://episodes/" + freshKey(), settings);
    }

    @Override
    int replacements() {
        return 30;
    }
}
