package dev.episodes.testing;

import dev.episodes.storage.StoreSettings;
import dev.episodes.storage.embedded.LocalS3;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3 API server for a test class ({@code @RegisterExtension static final S3Server S3 = ...}): S3Proxy
 * in a child JVM with a bucket, Flink's file systems pointed at it for the class, reset after.
 */
public final class S3Server implements BeforeAllCallback, AfterAllCallback {
    private final String bucket;
    private LocalS3 s3;
    private StoreSettings settings;

    public S3Server(String bucket) {
        this.bucket = bucket;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        long t0 = System.nanoTime();
        s3 = LocalS3.start(Files.createTempDirectory("s3-" + context.getRequiredTestClass().getSimpleName()),
                LocalS3.findJar());
        System.out.printf("S3Proxy up in %d ms at %s%n", (System.nanoTime() - t0) / 1_000_000, s3.endpoint());
        s3.createBucket(bucket);
        settings = TestStores.s3(s3);
        settings.apply(); // operators and Store.of(uri) pick the settings up (StoreSettings.current())
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        StoreSettings.none().apply();
        if (s3 != null) {
            s3.close();
        }
    }

    public LocalS3 s3() {
        return s3;
    }

    /** The server's settings with short retries (see {@link TestStores#s3}). */
    public StoreSettings settings() {
        return settings;
    }

    /** {@code s3://<bucket>/<key>}. */
    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
