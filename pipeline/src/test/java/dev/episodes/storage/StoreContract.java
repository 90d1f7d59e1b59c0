package dev.episodes.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commit protocol needs of a store, run against each kind (local disk, S3, HDFS): exactly one
 * winner of an exclusive create, whole content for readers of a replaced file, large uploads read back
 * byte for byte, listing, deleting, sizes.
 */
abstract class StoreContract {
    @TempDir
    Path tmp;

    /** A fresh, empty dataset root on the store under test. */
    abstract Store freshStore() throws Exception;

    /** How many replacements the reader test makes (remote stores are slower per write). */
    int replacements() {
        return 60;
    }

    @Test
    void ofEightWritersCreatingOneNameExactlyOneWinsAndItsContentIsWhole() throws Exception {
        Store store = freshStore();
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 1; round <= 10; round++) {
                String key = String.format("dt=2026-01-01/_manifests/%020d.json", round);
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    byte[] content = payload(w, 64 * 1024 + w);
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.createExclusive(key, content);
                    }));
                }
                int winner = -1;
                for (int w = 0; w < writers; w++) {
                    if (results.get(w).get()) {
                        assertEquals(-1, winner, "round " + round + ": two writers won one name: " + winner + " and " + w);
                        winner = w;
                    }
                }
                assertTrue(winner >= 0, "round " + round + ": nobody won");
                assertArrayEquals(payload(winner, 64 * 1024 + winner), store.read(key).orElseThrow(),
                        "round " + round + ": the name holds the winner's bytes, whole");
            }
        } finally {
            pool.shutdown();
        }
        assertNoTempFiles(store, "dt=2026-01-01/_manifests");
    }

    @Test
    void anExclusiveCreateAndANewFileRefuseATakenName() throws Exception {
        Store store = freshStore();
        assertTrue(store.createExclusive("p/v1.json", "first".getBytes(StandardCharsets.UTF_8)));
        assertFalse(store.createExclusive("p/v1.json", "second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", new String(store.read("p/v1.json").orElseThrow(), StandardCharsets.UTF_8));
        assertThrows(java.io.IOException.class, () -> {
            try (OutputStream out = store.create("p/v1.json")) {
                out.write('x');
            }
        });
        assertEquals("first", new String(store.read("p/v1.json").orElseThrow(), StandardCharsets.UTF_8));
        assertNoTempFiles(store, "p");
    }

    @Test
    void readersOfAReplacedFileSeeTheOldOrTheNewContentWholeNeverNone() throws Exception {
        Store store = freshStore();
        store.replace("p/_manifest.json", versioned(0));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(pool.submit(() -> {
                int last = 0;
                while (!done.get()) {
                    Optional<byte[]> got = store.read("p/_manifest.json");
                    assertTrue(got.isPresent(), "the pointer was missing during a replace");
                    int v = check(got.get());
                    assertTrue(v >= last, "went back from version " + last + " to " + v);
                    last = v;
                    reads.incrementAndGet();
                }
                return last;
            }));
        }
        try {
            for (int v = 1; v <= replacements(); v++) {
                store.replace("p/_manifest.json", versioned(v));
            }
        } finally {
            done.set(true);
        }
        for (Future<Integer> r : readers) {
            r.get();
        }
        pool.shutdown();
        assertEquals(replacements(), check(store.read("p/_manifest.json").orElseThrow()));
        assertTrue(reads.get() > 0);
        assertNoTempFiles(store, "p");
    }

    @Test
    void aTenMegabyteUploadReadsBackByteForByte() throws Exception {
        Store store = freshStore();
        Path local = tmp.resolve("big.bin");
        byte[] data = new byte[10 * 1024 * 1024];
        new Random(42).nextBytes(data);
        Files.write(local, data);
        store.upload(local, "dt=2026-01-01/steps/part-r1-0.parquet");
        assertEquals(data.length, store.size("dt=2026-01-01/steps/part-r1-0.parquet"));
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        expected.update(data);
        try (InputStream in = store.open("dt=2026-01-01/steps/part-r1-0.parquet")) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                actual.update(buf, 0, n);
            }
        }
        assertArrayEquals(expected.digest(), actual.digest());
        assertThrows(java.io.IOException.class, () -> store.upload(local, "dt=2026-01-01/steps/part-r1-0.parquet"),
                "an upload never overwrites");
    }

    @Test
    void listSizeExistsAndDelete() throws Exception {
        Store store = freshStore();
        store.createExclusive("dt=2026-01-02/_manifests/00000000000000000001.json", "{}".getBytes(StandardCharsets.UTF_8));
        try (OutputStream out = store.create("dt=2026-01-02/steps/a.parquet")) {
            out.write(new byte[123]);
        }
        try (OutputStream out = store.create("dt=2026-01-02/steps/b.parquet")) {
            out.write(new byte[7]);
        }
        List<StoreEntry> top = store.list("dt=2026-01-02");
        assertEquals(List.of("_manifests", "steps"), top.stream().map(StoreEntry::name).toList());
        assertTrue(top.stream().allMatch(StoreEntry::directory));
        List<StoreEntry> steps = store.list("dt=2026-01-02/steps");
        assertEquals(List.of("a.parquet", "b.parquet"), steps.stream().map(StoreEntry::name).toList());
        assertEquals(List.of(123L, 7L), steps.stream().map(StoreEntry::size).toList());
        assertEquals(List.of(), store.list("dt=2026-01-03"), "a missing folder lists as empty");
        assertTrue(store.exists("dt=2026-01-02/steps/a.parquet"));
        assertTrue(store.exists("dt=2026-01-02/steps"), "a folder exists");
        assertFalse(store.exists("dt=2026-01-02/steps/c.parquet"));
        assertEquals(123, store.size("dt=2026-01-02/steps/a.parquet"));
        assertEquals(-1, store.size("dt=2026-01-02/steps/c.parquet"));
        assertEquals(Optional.empty(), store.read("dt=2026-01-02/steps/c.parquet"));
        assertTrue(store.delete("dt=2026-01-02/steps/a.parquet"));
        assertFalse(store.exists("dt=2026-01-02/steps/a.parquet"));
        assertFalse(store.delete("dt=2026-01-02/steps/a.parquet"), "nothing left to delete");
        store.deleteTree("dt=2026-01-02");
        assertFalse(store.exists("dt=2026-01-02/steps/b.parquet"));
        assertEquals(List.of(), store.list("dt=2026-01-02"));
    }

    static String freshKey() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] payload(int writer, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) ('a' + writer));
        return b;
    }

    /** A self-checking content: its version, its length, then that many bytes of one letter. */
    private static byte[] versioned(int v) {
        int len = 1000 + (v * 7919) % 30000;
        byte[] body = new byte[len];
        Arrays.fill(body, (byte) ('a' + v % 26));
        byte[] head = (v + " " + len + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + len);
        System.arraycopy(body, 0, out, head.length, len);
        return out;
    }

    private static int check(byte[] got) {
        int nl = 0;
        while (got[nl] != '\n') {
            nl++;
        }
        String[] head = new String(got, 0, nl, StandardCharsets.US_ASCII).split(" ");
        int v = Integer.parseInt(head[0]);
        int len = Integer.parseInt(head[1]);
        assertEquals(nl + 1 + len, got.length, "a partial read of version " + v);
        for (int i = nl + 1; i < got.length; i++) {
            if (got[i] != (byte) ('a' + v % 26)) {
                throw new AssertionError("mixed content in version " + v + " at byte " + i);
            }
        }
        return v;
    }

    private static void assertNoTempFiles(Store store, String key) throws Exception {
        for (StoreEntry e : store.list(key)) {
            assertFalse(e.name().endsWith(".tmp"), "a temp file was left: " + e.name());
        }
    }
}
