package dev.episodes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.writing.Json;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.PartitionLog;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The commit protocol ({@link PartitionLog}) on a remote store: concurrent writers lose nothing and publish
 * nothing twice; a store that goes away in the middle of a commit makes it fail without publishing half,
 * and once it is back the next commit publishes exactly what was committed.
 */
abstract class CommitContract {
    static final String DAY = "dt=2026-01-01";

    /** A fresh, empty dataset root on the store under test. */
    abstract Store freshStore() throws Exception;

    /** Takes the store away (the server stopped, a datanode gone). */
    abstract void stopStore() throws Exception;

    /** Brings it back. */
    abstract void startStore() throws Exception;

    static PartitionLog log(Store store) {
        return new PartitionLog(store, DAY, Duration.ofHours(1));
    }

    static PartitionLog.Change append(String name) {
        return cur -> {
            if (cur.files().contains(name)) {
                return Optional.empty();
            }
            List<Manifest.FileEntry> files = new ArrayList<>(cur.manifest() == null ? List.of() : cur.manifest().files());
            files.add(new Manifest.FileEntry(name, "steps", 1, 1, 1, "x", List.of()));
            return Optional.of(Manifest.of(DAY, "test", Map.of(), "k", files, Map.of(), Map.of(), null, Map.of(),
                    List.of()));
        };
    }

    @Test
    void concurrentWritersLoseNothingAndPublishNothingTwice() throws Exception {
        Store store = freshStore();
        int writers = 4;
        int each = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            done.add(pool.submit(() -> {
                PartitionLog log = log(store);
                for (int i = 0; i < each; i++) {
                    log.commit(append("steps/w" + id + "-" + i + ".parquet"));
                    log.commit(append("steps/w" + id + "-" + i + ".parquet")); // a retried commit: a no-op
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        PartitionLog.Snapshot s = log(store).current();
        assertEquals(writers * each, s.files().size(), "every commit is in the newest version");
        assertEquals(writers * each, s.version(), "one version per commit: none published twice, none lost");
        assertEquals(s.version(), pointer(store).version(), "the pointer ends at the newest version");
        assertWhole(store, s.version());
    }

    @Test
    void aStoreGoneMidCommitFailsTheCommitWholeAndTheNextOneSucceedsOnceBack() throws Exception {
        Store store = freshStore();
        PartitionLog log = log(store);
        log.commit(append("steps/a.parquet"));
        log.commit(append("steps/b.parquet"));
        PartitionLog.Change stopThenAppend = cur -> {
            try {
                stopStore(); // after the commit read the current version, before it writes the next one
            } catch (Exception e) {
                throw new IOException(e);
            }
            return append("steps/c.parquet").apply(cur);
        };
        long t0 = System.nanoTime();
        assertThrows(IOException.class, () -> log.commit(stopThenAppend));
        long failMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(failMs < 30_000, "the failed commit took " + failMs + " ms");
        assertThrows(IOException.class, () -> log.commit(append("steps/d.parquet")), "the store is still away");
        startStore();
        assertWhole(store, 2);
        assertEquals(Set.of("steps/a.parquet", "steps/b.parquet"), log.current().files(),
                "nothing of the failed commit was published");
        assertTrue(log.commit(append("steps/c.parquet")).committed());
        PartitionLog.Snapshot s = log.current();
        assertEquals(3, s.version());
        assertEquals(Set.of("steps/a.parquet", "steps/b.parquet", "steps/c.parquet"), s.files());
        assertEquals(3, pointer(store).version());
        assertWhole(store, 3);
        System.out.printf("%s: a commit with the store gone failed in %d ms%n", getClass().getSimpleName(), failMs);
    }

    static Manifest pointer(Store store) throws IOException {
        return Json.MAPPER.readValue(store.read(DAY + "/_manifest.json").orElseThrow(), Manifest.class);
    }

    /** Versions 1..newest all exist and parse (a manifest or a stub), nothing newer, no temp file left. */
    static void assertWhole(Store store, long newest) throws IOException {
        Set<String> names = new TreeSet<>();
        for (StoreEntry e : store.list(DAY + "/_manifests")) {
            names.add(e.name());
            assertFalse(e.name().endsWith(".tmp"), "a temp file was left: " + e.name());
        }
        Set<String> expected = new TreeSet<>();
        for (long v = 1; v <= newest; v++) {
            String name = String.format("%020d.json", v);
            expected.add(name);
            var node = Json.MAPPER.readTree(store.read(DAY + "/_manifests/" + name).orElseThrow());
            assertTrue(node.has("stub") || node.get("version").asLong() == v, "version " + v + " is whole");
        }
        assertEquals(expected, names, "exactly the committed versions");
        pointer(store); // parses
    }
}
