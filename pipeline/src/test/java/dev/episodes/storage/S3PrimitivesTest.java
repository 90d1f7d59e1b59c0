package dev.episodes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

/** How Flink's S3 keys and paths become the S3 client's endpoint, credentials, bucket and key. */
class S3PrimitivesTest {
    @Test
    void anEndpointWithoutASchemeIsHttpAndFlinksKeysAreRead() {
        var t = S3Primitives.Target.of(new StoreSettings(Map.of("s3.endpoint", " minio:9000 ",
                "s3.path.style.access", "true", "s3.access-key", "AK", "s3.secret-key", "SK")));
        assertEquals("http://minio:9000", t.endpoint());
        assertTrue(t.pathStyle());
        assertEquals("AK", t.accessKey());
        assertEquals("SK", t.secretKey());
        assertFalse(t.toString().contains("SK"), "the secret never shows: " + t);
    }

    @Test
    void theLegacyAndHadoopSpellingsWorkAndNoKeysMeanAwsWithTheDefaultChain() {
        var legacy = S3Primitives.Target.of(new StoreSettings(Map.of("s3.access.key", "AK", "fs.s3a.secret.key", "SK",
                "fs.s3a.endpoint", "https://s3.example.com")));
        assertEquals("AK", legacy.accessKey());
        assertEquals("SK", legacy.secretKey());
        assertEquals("https://s3.example.com", legacy.endpoint());
        var aws = S3Primitives.Target.of(StoreSettings.none());
        assertNull(aws.endpoint());
        assertNull(aws.accessKey());
        assertFalse(aws.pathStyle());
        assertTrue(aws.shown().contains("s3.endpoint not set"));
    }

    @Test
    void bucketAndKeyComeFromS3AndS3aPaths() {
        assertEquals(new S3Primitives.Location("episodes", "prefix/dt=2026-01-01/_manifest.json"),
                S3Primitives.Location.of(new Path("s3://episodes/prefix/dt=2026-01-01/_manifest.json")));
        assertEquals(new S3Primitives.Location("my-bucket", "a/b"), S3Primitives.Location.of(new Path("s3a://my-bucket/a/b")));
        assertEquals(new S3Primitives.Location("my-bucket", ""), S3Primitives.Location.of(new Path("s3://my-bucket/")));
        assertThrows(IllegalArgumentException.class, () -> S3Primitives.Location.of(new Path("s3:///key")));
    }
}
