package dev.episodes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.StoreCheck.StoreUnavailable;
import dev.episodes.testing.S3Server;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** An unusable store stops a command before it starts, quickly, with a message naming the setting to fix. */
class StoreCheckITCase {
    @RegisterExtension
    static final S3Server S3 = new S3Server("episodes");

    @TempDir
    Path tmp;

    @Test
    void aReachableBucketWithTheRightKeyPassesAndTheProbeLeavesNothing() throws Exception {
        Store store = Store.of("s3://episodes/ok", S3.settings());
        StoreCheck.check(store, true);
        assertEquals(List.of(), store.list("_meta"), "the write probe was deleted");
    }

    @Test
    void aWrongPortNamesTheEndpoint() throws Exception {
        String endpoint = "http://127.0.0.1:" + freePort();
        String m = refusal(Store.of("s3://episodes/x", S3.settings().with("s3.endpoint", endpoint)));
        assertTrue(m.startsWith("cannot reach s3.endpoint=" + endpoint), m);
    }

    @Test
    void aMissingBucketIsNamed() throws Exception {
        String m = refusal(Store.of("s3://no-such-bucket/x", S3.settings()));
        assertTrue(m.startsWith("bucket no-such-bucket does not exist at " + S3.s3().endpoint()), m);
        assertTrue(m.contains("--out"), m);
    }

    @Test
    void aWrongSecretNamesTheCredentialSettings() throws Exception {
        String m = refusal(Store.of("s3://episodes/x", S3.settings().with("s3.secret-key", "not-the-secret")));
        assertTrue(m.startsWith("S3 refused the credentials"), m);
        assertTrue(m.contains("s3.access-key") && m.contains("s3.secret-key") && m.contains("AWS_ACCESS_KEY_ID"), m);
    }

    @Test
    void aDataPathThatCannotWriteIsCaughtBeforeTheRun() throws Exception {
        // Flink's file system (the data path) configured apart from the commit point's client, as keys only
        // S3A reads (fs.s3a.*, path style) can make it: the commit point's checks pass, the shards would not.
        try {
            S3.settings().with("s3.endpoint", "http://127.0.0.1:" + freePort()).apply();
            Store store = Store.of("s3://episodes/data-path", S3.settings());
            long t0 = System.nanoTime();
            StoreUnavailable e = assertThrows(StoreUnavailable.class, () -> StoreCheck.check(store, true));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("%5d ms  %s%n", ms, e.getMessage());
            assertTrue(e.getMessage().contains("Flink's file system") && e.getMessage().contains("s3.endpoint"),
                    e.getMessage());
            assertTrue(ms < 40_000, "the check took " + ms + " ms");
        } finally {
            S3.settings().apply();
        }
    }

    @Test
    void anUnreachableNamenodeIsNamed() throws Exception {
        String nn = "hdfs://127.0.0.1:" + freePort();
        String m = refusal(Store.of(nn + "/datasets/x", S3.settings()));
        assertTrue(m.startsWith("cannot reach the namenode " + nn), m);
    }

    @Test
    void aLocalFileInsteadOfAFolderIsRefused() throws Exception {
        Files.writeString(tmp.resolve("file"), "x");
        String m = refusal(Store.local(tmp.resolve("file").resolve("dataset")));
        assertTrue(m.contains("is not a folder"), m);
        StoreCheck.check(Store.local(tmp.resolve("new/dataset")), true);
    }

    /** The check's message; it must come within a few seconds. */
    private static String refusal(Store store) {
        long t0 = System.nanoTime();
        Executable check = () -> StoreCheck.check(store, true);
        StoreUnavailable e = assertThrows(StoreUnavailable.class, check);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 8_000, "the check took " + ms + " ms: " + e.getMessage());
        System.out.printf("%5d ms  %s%n", ms, e.getMessage());
        return e.getMessage();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
