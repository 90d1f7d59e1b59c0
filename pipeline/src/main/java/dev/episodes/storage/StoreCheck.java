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
        dataPath(store, key + "-data", DATA_PATH_TIMEOUT);
    }

    /** How long the data path (Flink's file system) may take to write, show and delete a tiny file. */
    static final java.time.Duration DATA_PATH_TIMEOUT = java.time.Duration.ofSeconds(30);

    /**
     * Writes a tiny file the way shards are written (Flink's file system, not the commit point's client),
     * reads it back through the commit point and deletes it, within {@code timeout}: a setting that only
     * the data path uses (S3A's path style, for one) otherwise passes the check and hangs the run later.
     */
    static void dataPath(Store store, String key, java.time.Duration timeout) throws StoreUnavailable {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                try (var out = store.create(key)) {
                    out.write('p');
                }
                if (store.read(key).isEmpty()) {
                    throw new IOException("a file written through Flink's file system is not there for the commit "
                            + "point: the two reach different stores");
                }
                store.delete(key);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "store-check");
        t.setDaemon(true);
        t.start();
        try {
            done.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            t.interrupt();
            throw new StoreUnavailable("Flink's file system did not write a test file under " + store.uri() + " within "
                    + timeout.toSeconds() + " s (on S3: check s3.endpoint, and set s3.path.style.access=true for "
                    + "MinIO, S3Proxy and most S3-compatible servers)", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StoreUnavailable("cannot write through Flink's file system under " + store.uri() + ": "
                    + e.getCause().getMessage() + (store.primitives() instanceof S3Primitives ? " (check s3.endpoint, "
                    + "and set s3.path.style.access=true for MinIO, S3Proxy and most S3-compatible servers)" : ""),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailable("interrupted while checking " + store.uri(), e);
        }
    }

    /** A store that cannot be used, with a message that names what to fix. */
    public static final class StoreUnavailable extends Exception {
        public StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
