package dev.episodes.testing;

import dev.episodes.storage.StoreSettings;
import dev.episodes.storage.embedded.LocalS3;
import java.util.Map;
import java.util.TreeMap;

/** Settings for tests against real servers: Flink's S3 client gives up on a stopped server in seconds. */
public final class TestStores {
    private TestStores() {}

    /** The server's settings plus few, short retries of Flink's S3 file system (Hadoop's S3A). */
    public static StoreSettings s3(LocalS3 s3) {
        Map<String, String> m = new TreeMap<>(s3.settings().keys());
        m.put("s3.attempts.maximum", "2");
        m.put("s3.retry.limit", "2");
        m.put("s3.retry.interval", "100ms");
        m.put("s3.retry.throttle.limit", "2");
        m.put("s3.connection.establish.timeout", "2000");
        m.put("s3.connection.timeout", "10000");
        return new StoreSettings(m);
    }
}
