package dev.episodes.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.frames.FrameFailure;
import java.io.OutputStream;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Screenshots read through the storage layer, on each kind of store: whole, size-checked, failures by reason. */
abstract class FrameSourceContract {
    final StoreFrameSource source = new StoreFrameSource();

    /** A fresh folder on the store under test. */
    abstract Store freshStore() throws Exception;

    static String freshKey() {
        return "shots-" + UUID.randomUUID();
    }

    static byte[] payload(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static void put(Store store, String key, byte[] bytes) throws Exception {
        try (OutputStream out = store.create(key)) {
            out.write(bytes);
        }
    }

    /** The failure of a read, after checking its message does not name the location. */
    FrameFailure failure(String uri, long maxBytes) {
        FrameFailure f = assertThrows(FrameFailure.class, () -> source.read(uri, maxBytes));
        String path = uri.substring(uri.indexOf("://") + 3);
        assertFalse(f.getMessage().contains(path), "the URI stays out of the message: " + f.getMessage());
        assertFalse(f.getMessage().contains("device-7"), f.getMessage());
        return f;
    }

    @Test
    void readsTheWholeObject() throws Exception {
        Store store = freshStore();
        byte[] small = payload(1234);
        byte[] large = payload(3 * 1024 * 1024 + 17);
        put(store, "device-7/a.png", small);
        put(store, "device-7/b.png", large);
        assertArrayEquals(small, source.read(store.uri("device-7/a.png"), 1 << 20));
        assertArrayEquals(large, source.read(store.uri("device-7/b.png"), large.length));
        put(store, "device-7/empty.png", new byte[0]);
        assertEquals(0, source.read(store.uri("device-7/empty.png"), 10).length);
    }

    @Test
    void aMissingObjectIsMissing() throws Exception {
        Store store = freshStore();
        assertEquals(FrameFailure.Reason.MISSING, failure(store.uri("device-7/none.png"), 100).reason());
    }

    @Test
    void anObjectLargerThanTheLimitIsOversizedWhateverItsContent() throws Exception {
        Store store = freshStore();
        put(store, "device-7/big.png", payload(100_001));
        FrameFailure f = failure(store.uri("device-7/big.png"), 100_000);
        assertEquals(FrameFailure.Reason.OVERSIZED, f.reason());
        assertTrue(f.getMessage().contains("100001"), f.getMessage());
    }

    @Test
    void aFolderIsNoScreenshot() throws Exception {
        Store store = freshStore();
        put(store, "device-7/dir/inner.png", payload(10));
        assertEquals(FrameFailure.Reason.UNREADABLE, failure(store.uri("device-7/dir"), 100).reason());
    }
}
