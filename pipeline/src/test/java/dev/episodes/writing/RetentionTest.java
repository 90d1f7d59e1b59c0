package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
        assertEquals(2, Files.readAllLines(root.resolve("_audit/expirations.jsonl")).size());
        assertEquals(List.of(), Retention.expire(root, LocalDate.parse("2026-08-31")), "safe to rerun");
    }
}
