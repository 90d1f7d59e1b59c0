package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Red-team attacks on the issue-14 commit protocol: each test states a promise of docs/storage.md. */
class WritersInterplayTest {
    static final Compaction.Settings BIG = new Compaction.Settings(256L << 20, 128L << 20, Duration.ofHours(1));
    static final LocalDate DATE = LocalDate.parse(TestShards.DAY.substring(3));

    @TempDir
    Path root;
    @TempDir
    Path work;

    /** Every file under the root (but the erasure records, which name the pseudonym by design) that still holds it. */
    private List<String> holders(String pseudonym) throws Exception {
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String rel = root.relativize(f).toString();
            if (rel.startsWith(Erasure.RECORDS)) {
                continue;
            }
            if (rel.endsWith(".parquet")) {
                for (GenericRecord r : ShardReader.read(f)) {
                    if (r.getSchema().getField("user") != null && pseudonym.equals(String.valueOf(r.get("user")))) {
                        out.add(rel + " (rows)");
                        break;
                    }
                }
            } else if (new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains(pseudonym)) {
                out.add(rel);
            }
        }
        return out;
    }

    @Test
    void afterEraseNoFileButTheErasureRecordHoldsThePseudonym() throws Exception {
        Store store = Store.local(root);
        TestShards.appendSlices(store, work, 6);
        String gone = TestShards.slices(6).get(0).get(0).user();
        assertTrue(Erasure.erase(store, gone, null, Duration.ZERO).matched());
        assertEquals(List.of(), holders(gone), "the manifest log's older versions list the erased person in files[].users");
    }

    @Test
    void anEraseKilledBetweenItsCommitAndItsCleanUpIsCompletedByItsRerun() throws Exception {
        Store store = Store.local(root);
        TestShards.appendSlices(store, work, 6);
        String gone = TestShards.slices(6).get(0).get(0).user();
        // erase --retired-grace 0s commits the rewrite, then commits again to delete the replaced files. A kill -9
        // between the two leaves exactly the state of an erasure with a grace: the replaced files still retired.
        assertTrue(Erasure.erase(store, gone, null, Duration.ofHours(24)).matched());
        Erasure.erase(store, gone, null, Duration.ZERO); // the operator reruns the erasure
        List<String> rows = holders(gone).stream().filter(h -> h.endsWith("(rows)")).toList();
        assertEquals(List.of(), rows, "the rerun matched nothing, so it never deleted the retired files holding the person");
    }

    @Test
    void aStreamCommitRetriedAfterTheCompactedFileWasDeletedIsNotAddedAgain() throws Exception {
        Store store = Store.local(root);
        List<List<Episode>> slices = TestShards.slices(4);
        ShardPublisher pub = new ShardPublisher(store, Map.of(), "k-test", OutputLayout.DEFAULT, null, Duration.ofHours(1));
        List<StagedShard> staged = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            StagedShard s = pub.stage("a" + i, "part-s0-" + i + ".parquet", DATE, slices.get(i));
            pub.publish(s);
            staged.add(s);
        }
        assertTrue(Compaction.compact(store, TestShards.DAY, BIG).committed());
        // erase deletes retired files at once (its default): the compacted small files go, and leave the retired list.
        String someone = slices.get(3).get(0).user();
        assertTrue(Erasure.erase(store, someone, null, Duration.ZERO).matched());
        long steps = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).current().manifest().totals().steps();

        PartitionLog.Outcome retry = pub.publish(staged.get(0)); // the job restored and retries its last commit
        Manifest m = retry.snapshot().manifest();
        List<String> missing = m.files().stream().map(f -> TestShards.DAY + "/" + f.path())
                .filter(k -> { try { return !store.exists(k); } catch (Exception e) { throw new RuntimeException(e); } })
                .toList();
        assertEquals(List.of(), missing, "the current manifest names files that are gone");
        assertFalse(retry.committed(), "a retried commit published a new version");
        assertEquals(steps, m.totals().steps(), "rows counted twice");
    }

    @Test
    void retentionDoesNotDeleteAShardTheStreamingJobStagedButHasNotCommittedYet() throws Exception {
        Store store = Store.local(root);
        TestShards.appendSlices(store, work, 2);
        ShardPublisher pub = new ShardPublisher(store, Map.of(), "k-test", OutputLayout.DEFAULT, null, Duration.ofHours(1));
        StagedShard late = pub.stage("late", "part-s1-0.parquet", DATE, TestShards.slices(4).get(2));
        Retention.expire(store, DATE.plusDays(1), Duration.ZERO); // expire runs while the checkpoint completes
        Manifest m = pub.publish(late).snapshot().manifest();
        for (Manifest.FileEntry f : m.files()) {
            assertTrue(store.exists(TestShards.DAY + "/" + f.path()), "named but deleted by expire: " + f.path());
        }
    }

    @Test
    void thePointerNeverEndsOlderThanTheLogUnderManyWriters() throws Exception {
        Store store = Store.local(root);
        int threads = 6;
        int each = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            fs.add(pool.submit(() -> {
                PartitionLog log = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
                for (int i = 0; i < each; i++) {
                    String run = "w" + id + "-" + i;
                    log.commit(c -> Optional.of(Manifest.of(TestShards.DAY, run, Map.of(), "k", List.of(), Map.of(),
                            Map.of(), null, null, List.of())));
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        long newest = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).current().version();
        assertEquals((long) threads * each, newest, "every commit a version");
        Manifest pointer = Json.MAPPER.readValue(store.read(TestShards.DAY + "/_manifest.json").orElseThrow(), Manifest.class);
        assertEquals(newest, pointer.version(), "_manifest.json ended older than the log");
    }

    @Test
    void anEraseDeletesOnlyTheFilesItReplacedNotThoseOtherWritersRetiredWithTheirGrace() throws Exception {
        Store store = Store.local(root);
        TestShards.appendSlices(store, work, 6);
        assertTrue(Compaction.compact(store, TestShards.DAY, BIG).committed()); // retires 6 small files for 1 hour
        List<String> retiredByCompaction = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).current()
                .manifest().retired().stream().map(Manifest.Retired::path).toList();
        String gone = TestShards.slices(6).get(0).get(0).user();
        List<String> others = new ArrayList<>(); // retired files that do not hold the person
        for (String k : retiredByCompaction) {
            if (k.endsWith(".parquet") && ShardReader.read(root.resolve(k)).stream()
                    .noneMatch(r -> r.getSchema().getField("user") != null && gone.equals(String.valueOf(r.get("user"))))) {
                others.add(k);
            }
        }
        assertFalse(others.isEmpty());
        assertTrue(Erasure.erase(store, gone, null, Duration.ZERO).matched());
        List<String> lost = new ArrayList<>();
        for (String k : others) {
            if (!store.exists(k)) {
                lost.add(k);
            }
        }
        assertEquals(List.of(), lost, "files without the person, retired by the compaction within their grace, "
                + "deleted by an erasure (readers of the older manifest were promised an hour)");
    }
}
