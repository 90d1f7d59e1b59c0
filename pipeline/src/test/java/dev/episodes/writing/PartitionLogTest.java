package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {
    @TempDir
    Path dir;

    static Manifest withFiles(String partition, List<Manifest.FileEntry> files) {
        return new Manifest("1.0", partition, "test", Map.of(), "k", files,
                new Manifest.Totals(files.size(), 0, 0, 0, 0), Map.of(), Map.of(), null, null);
    }

    static PartitionLog.Change append(String name) {
        return cur -> {
            if (cur.files().contains(name)) {
                return Optional.empty();
            }
            List<Manifest.FileEntry> files = new ArrayList<>(cur.manifest() == null ? List.of() : cur.manifest().files());
            files.add(new Manifest.FileEntry(name, "steps", 1, 1, 1, "x", List.of()));
            return Optional.of(withFiles("dt=2026-01-01", files));
        };
    }

    @Test
    void concurrentWritersLoseNothingAndPublishNothingTwice() throws Exception {
        Store store = Store.local(dir);
        int writers = 6;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            done.add(pool.submit(() -> {
                PartitionLog log = new PartitionLog(store, "dt=2026-01-01", Duration.ofHours(1));
                for (int i = 0; i < each; i++) {
                    log.commit(append("steps/w" + id + "-" + i + ".parquet"));
                    log.commit(append("steps/w" + id + "-" + i + ".parquet")); // a retried commit: no-op
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        PartitionLog.Snapshot s = new PartitionLog(store, "dt=2026-01-01", Duration.ofHours(1)).current();
        assertEquals(writers * each, s.files().size());
        assertEquals(writers * each, s.version());
        Manifest pointer = Json.MAPPER.readValue(dir.resolve("dt=2026-01-01/_manifest.json").toFile(), Manifest.class);
        assertEquals(s.version(), pointer.version(), "the pointer ends at the newest version");
        try (var files = Files.list(dir.resolve("dt=2026-01-01"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void replacedFilesAreDeletedAfterTheGracePeriodNeverBefore() throws Exception {
        Store store = Store.local(dir);
        AtomicLong now = new AtomicLong(1_000_000);
        PartitionLog log = new PartitionLog(store, "dt=2026-01-01", Duration.ofMinutes(10), now::get);
        Files.createDirectories(dir.resolve("dt=2026-01-01/steps"));
        Files.writeString(dir.resolve("dt=2026-01-01/steps/a.parquet"), "a");
        Files.writeString(dir.resolve("dt=2026-01-01/steps/b.parquet"), "b");
        log.commit(append("steps/a.parquet"));
        log.commit(cur -> Optional.of(withFiles("dt=2026-01-01",
                List.of(new Manifest.FileEntry("steps/b.parquet", "steps", 1, 1, 1, "x", List.of())))));
        assertEquals(List.of("dt=2026-01-01/steps/a.parquet"),
                log.current().manifest().retired().stream().map(Manifest.Retired::path).toList());
        now.addAndGet(Duration.ofMinutes(9).toMillis());
        assertFalse(log.commit(cur -> Optional.of(cur.manifest())).committed(), "nothing expired yet: no commit");
        assertTrue(Files.exists(dir.resolve("dt=2026-01-01/steps/a.parquet")));
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        var out = log.commit(cur -> Optional.of(cur.manifest()));
        assertEquals(List.of("dt=2026-01-01/steps/a.parquet"), out.deleted());
        assertFalse(Files.exists(dir.resolve("dt=2026-01-01/steps/a.parquet")));
        assertTrue(Files.exists(dir.resolve("dt=2026-01-01/steps/b.parquet")));
        assertTrue(log.current().manifest().retired().isEmpty());
    }

    @Test
    void aWriterThatDiesBeforeThePointerIsFollowedByReaders() throws Exception {
        Store store = Store.local(dir);
        PartitionLog log = new PartitionLog(store, "dt=2026-01-01", Duration.ofHours(1));
        log.commit(append("steps/a.parquet"));
        Manifest v2 = withFiles("dt=2026-01-01", List.of(
                new Manifest.FileEntry("steps/a.parquet", "steps", 1, 1, 1, "x", List.of()),
                new Manifest.FileEntry("steps/b.parquet", "steps", 1, 1, 1, "x", List.of()))).numbered(2, List.of());
        assertTrue(store.createExclusive(PartitionLog.logKey("dt=2026-01-01", 2), Json.MAPPER.writeValueAsBytes(v2)));
        assertEquals(2, log.current().version());
        log.commit(append("steps/c.parquet"));
        assertEquals(3, log.current().files().size());
    }

    @Test
    void oldVersionsBecomeStubsAndTheirNamesStayTaken() throws Exception {
        Store store = Store.local(dir);
        PartitionLog log = new PartitionLog(store, "dt=2026-01-01", Duration.ofHours(1));
        for (int i = 0; i < PartitionLog.KEEP + 3; i++) {
            log.commit(append("steps/" + i + ".parquet"));
        }
        String first = Files.readString(dir.resolve(PartitionLog.logKey("dt=2026-01-01", 1)));
        assertTrue(first.contains("stub"), first);
        assertFalse(store.createExclusive(PartitionLog.logKey("dt=2026-01-01", 1), new byte[0]));
        assertEquals(PartitionLog.KEEP + 3, log.current().files().size());
    }

    @Test
    void forgettingHistoryStubsEveryOlderVersionAndKeepsTheCurrentOne() throws Exception {
        Store store = Store.local(dir);
        PartitionLog log = new PartitionLog(store, "dt=2026-01-01", Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            log.commit(append("steps/" + i + ".parquet"));
        }
        log.forgetHistory(log.current().version());
        for (long v = 1; v < 5; v++) {
            assertTrue(Files.readString(dir.resolve(PartitionLog.logKey("dt=2026-01-01", v))).contains("stub"), "v" + v);
        }
        assertEquals(5, log.current().files().size());
        log.commit(append("steps/5.parquet"));
        assertEquals(6, log.current().version());
    }
}
