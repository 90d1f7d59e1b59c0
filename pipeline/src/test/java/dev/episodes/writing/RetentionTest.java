package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @Test
    void wholeOldPartitionsGoWithTheirAuditAndAreRecorded(@TempDir Path root) throws Exception {
        for (String d : List.of("2026-08-01", "2026-08-30", "2026-08-31", "2026-11-28")) {
            Path p = root.resolve("dt=" + d);
            Files.createDirectories(p.resolve("steps"));
            Files.writeString(p.resolve("steps/part-x-0.parquet"), "data");
            Files.writeString(p.resolve("_manifest.json"), "{}");
            Files.createDirectories(root.resolve("_audit/dt=" + d));
            Files.writeString(root.resolve("_audit/dt=" + d + "/redactions-x.jsonl"), "{}\n");
        }
        Files.createDirectories(root.resolve("dt=not-a-date"));
        List<String> removed = Retention.expire(root, LocalDate.parse("2026-08-31"));
        assertEquals(List.of("dt=2026-08-01", "dt=2026-08-30"), removed);
        assertFalse(Files.exists(root.resolve("dt=2026-08-30")));
        assertFalse(Files.exists(root.resolve("_audit/dt=2026-08-30")));
        assertTrue(Files.exists(root.resolve("dt=2026-08-31/_manifest.json")));
        assertTrue(Files.exists(root.resolve("dt=not-a-date")), "folders that are not partitions are left alone");
        assertEquals(2, Retention.records(Store.local(root)).size(), "one record per expired partition");
        assertEquals(List.of(), Retention.expire(root, LocalDate.parse("2026-08-31")), "safe to rerun");
    }

    @Test
    void aPartitionPastRetentionIsEmptiedByACommitAndItsFilesGoAfterTheGrace(@TempDir Path root, @TempDir Path work)
            throws Exception {
        Store store = Store.local(root);
        List<TestShards.Shard> shards = new java.util.ArrayList<>();
        var slices = CompactionTest.slices(2);
        PartitionLog log = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1));
        for (int i = 0; i < 2; i++) {
            shards.add(TestShards.write(store, work, "part-s0-" + i + ".parquet", slices.get(i)));
            log.commit(TestShards.append(shards.get(i)));
        }
        Files.writeString(root.resolve(TestShards.DAY).resolve(DatasetLayout.SUCCESS), "");
        LocalDate keepFrom = LocalDate.parse(TestShards.DAY.substring(3)).plusDays(1);

        assertEquals(List.of(TestShards.DAY), Retention.expire(store, keepFrom, Duration.ofHours(1)));
        Manifest m = log.current().manifest();
        assertEquals(0, m.totals().files(), "readers see an empty partition at once");
        assertEquals(4 + 2, m.retired().size(), "its data and audit files retired");
        assertTrue(Files.exists(root.resolve(TestShards.DAY).resolve(shards.get(0).steps())), "kept for the grace");
        assertFalse(Files.exists(root.resolve(TestShards.DAY).resolve(DatasetLayout.SUCCESS)));
        assertEquals(List.of(), Retention.expire(store, keepFrom, Duration.ofHours(1)), "within the grace: nothing");
        assertEquals(1, Retention.records(store).size());

        Retention.expire(store, keepFrom, Duration.ZERO); // past the grace: the retired files go
        for (TestShards.Shard s : shards) {
            assertFalse(Files.exists(root.resolve(TestShards.DAY).resolve(s.steps())), "deleted after the grace");
        }
        try (var audit = Files.walk(root.resolve("_audit").resolve(TestShards.DAY))) {
            assertFalse(audit.anyMatch(Files::isRegularFile), "audit files deleted with their data files");
        }
        // The day stays as its log (an empty manifest, nothing retired): deleting the folder would free the
        // version names and a shard the streaming job uploaded but had not committed yet (red team, issue 14).
        Manifest gone = log.current().manifest();
        assertEquals(0, gone.totals().files());
        assertTrue(gone.retired().isEmpty());
        assertEquals(1, Retention.records(store).size(), "one expiration, one record");
    }
}
