package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphansTest {
    @TempDir
    Path root;

    private Path file(String key, Duration age) throws Exception {
        Path p = root.resolve(key);
        Files.createDirectories(p.getParent());
        Files.writeString(p, key);
        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - age.toMillis()));
        return p;
    }

    @Test
    void aWriterRemovesOnlyItsOwnUnnamedFilesAndStaleCommitTemps() throws Exception {
        Store store = Store.local(root);
        String day = "dt=2026-01-01";
        new PartitionLog(store, day, Duration.ofHours(1)).commit(cur -> Optional.of(Manifest.of(day, "r1", java.util.Map.of(),
                "k", List.of(new Manifest.FileEntry("steps/part-r1-0.parquet", "steps", 1, 1, 1, "x", List.of())),
                java.util.Map.of(), java.util.Map.of(), null, null, List.of())));
        Path named = file(day + "/steps/part-r1-0.parquet", Duration.ZERO);
        Path mine = file(day + "/steps/part-r1-1.parquet", Duration.ZERO);
        Path myAudit = file("_audit/" + day + "/redactions-part-r1-1.jsonl", Duration.ZERO);
        Path someoneElses = file(day + "/steps/part-r2-0.parquet", Duration.ofDays(3));
        Path staleTemp = file(day + "/_manifests/.00000000000000000002.json.abc.tmp", Duration.ofHours(2));
        Path freshTemp = file(day + "/._manifest.json.def.tmp", Duration.ofMinutes(1));

        List<String> deleted = Orphans.remove(store, List.of(day), "part-r1-", Duration.ZERO,
                System.currentTimeMillis(), Duration.ofHours(1));

        assertEquals(3, deleted.size(), deleted.toString());
        assertTrue(Files.exists(named), "named by the manifest");
        assertTrue(Files.notExists(mine) && Files.notExists(myAudit), "this writer's own orphans");
        assertTrue(Files.exists(someoneElses), "another writer's file, however old");
        assertTrue(Files.notExists(staleTemp), "a commit temp older than the orphan grace");
        assertTrue(Files.exists(freshTemp), "a commit temp that may still be in use");
    }
}
