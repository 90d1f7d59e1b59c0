package dev.episodes.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks before a run that a dataset's store is there and takes writes: an unreachable endpoint, a
 * missing bucket or wrong credentials stop a command before it starts, with a message naming the setting.
 * Each check is quick (short timeouts, no long client retries): a mistyped endpoint answers in seconds.
 */
public final class StoreCheck {
    private StoreCheck() {}

    /** Throws {@link StoreUnavailable} with a message for people when the store cannot be used. */
    public static void check(Store store, boolean write) throws StoreUnavailable {
        Primitives p = store.primitives();
        if (p instanceof LocalPrimitives) {
            checkLocal(store, write);
        } else if (p instanceof S3Primitives s3) {
            S3Check.reachable(store, s3.settings());
        } else {
            HdfsCheck.reachable(store);
        }
        if (write && store.localRoot().isEmpty()) {
            probe(store);
        }
    }

    private static void checkLocal(Store store, boolean write) throws StoreUnavailable {
        java.nio.file.Path root = store.localRoot().orElseThrow();
        java.nio.file.Path existing = root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new StoreUnavailable(existing + " is not a folder: --out must name a folder", null);
        }
        if (write && !Files.isWritable(existing)) {
            throw new StoreUnavailable("cannot write to " + existing + " (permission denied): choose another --out",
                    null);
        }
    }

    /** Writes, reads back and deletes a small object: proves the commit point and the file system agree. */
    private static void probe(Store store) throws StoreUnavailable {
        String key = "_meta/.probe-" + UUID.randomUUID();
        byte[] bytes = ("probe " + key).getBytes(StandardCharsets.UTF_8);
        try {
            if (!store.createExclusive(key, bytes)) {
                throw new StoreUnavailable("cannot write to " + store.uri() + ": a fresh probe name was taken", null);
            }
            Optional<byte[]> back = store.read(key);
            if (back.isEmpty() || !Arrays.equals(back.get(), bytes)) {
                throw new StoreUnavailable("wrote " + store.uri(key) + " but could not read it back: the S3 settings "
                        + "of the commit point and of Flink's file system disagree", null);
            }
            store.delete(key);
        } catch (IOException e) {
            throw new StoreUnavailable("cannot write to " + store.uri() + ": " + e.getMessage(), e);
        }
    }

    /** A store that cannot be used, with a message that names what to fix. */
    public static final class StoreUnavailable extends Exception {
        public StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
