package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A publish killed between moving the old partition aside and moving the new one in loses nothing. */
class PublishRecoveryTest {

    @Test
    void theNextRunPutsBackAPartitionACrashLeftAside(@TempDir Path root) throws Exception {
        Path aside = root.resolve("_staging/run1/_replaced/dt=2026-11-28");
        Files.createDirectories(aside.resolve("steps"));
        Files.writeString(aside.resolve("_manifest.json"), "{\"old\":true}");
        Files.writeString(aside.resolve("steps/part-old-0.parquet"), "old");
        Files.createDirectories(root.resolve("_staging/run1/dt=2026-11-28/steps"));
        Files.writeString(root.resolve("_staging/run1/dt=2026-11-28/steps/part-new-0.parquet"), "half written");

        DatasetCommitter.cleanStaging(root);

        assertEquals("{\"old\":true}", Files.readString(root.resolve("dt=2026-11-28/_manifest.json")));
        assertTrue(Files.exists(root.resolve("dt=2026-11-28/steps/part-old-0.parquet")));
        assertFalse(Files.exists(root.resolve("_staging")), "leftovers of the crashed run are gone");
    }

    @Test
    void aPartitionAlreadySwappedInIsKept(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("_staging/run1/_replaced/dt=2026-11-28"));
        Files.writeString(root.resolve("_staging/run1/_replaced/dt=2026-11-28/_manifest.json"), "{\"old\":true}");
        Files.createDirectories(root.resolve("dt=2026-11-28"));
        Files.writeString(root.resolve("dt=2026-11-28/_manifest.json"), "{\"new\":true}");

        DatasetCommitter.cleanStaging(root);

        assertEquals("{\"new\":true}", Files.readString(root.resolve("dt=2026-11-28/_manifest.json")));
    }
}
