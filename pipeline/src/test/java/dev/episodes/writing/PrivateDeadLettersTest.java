package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters are published into owner-only {@code _private/rejected/}; an old {@code _rejected/} moves there. */
class PrivateDeadLettersTest {
    @TempDir
    Path root;

    private boolean posix() throws Exception {
        return Files.getFileStore(root).supportsFileAttributeView("posix");
    }

    @Test
    void stagedDeadLettersArePublishedOwnerOnly() throws Exception {
        Path staged = DatasetLayout.staging(root, "r1").resolve(DatasetLayout.REJECTED);
        Files.createDirectories(staged);
        Files.writeString(staged.resolve("rejected-r1-0.jsonl"), "{\"reason\":\"late\"}\n");
        new DatasetCommitter(root, "r1").commit(Map.of("kind", "test"), "k", Map.of());
        Path file = root.resolve(DatasetLayout.REJECTED).resolve("rejected-r1-0.jsonl");
        assertTrue(Files.exists(file));
        if (posix()) {
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(root.resolve(DatasetLayout.PRIVATE))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void aLegacyRejectedFolderMovesIntoPrivate() throws Exception {
        Path legacy = root.resolve("_rejected");
        Files.createDirectories(legacy);
        Files.writeString(legacy.resolve("rejected-old-0.jsonl"), "{\"reason\":\"late\",\"raw\":\"u-1042\"}\n");
        new DatasetCommitter(root, "r2").commit(Map.of("kind", "test"), "k", Map.of());
        assertFalse(Files.exists(legacy), "nothing left in the open");
        Path moved = root.resolve(DatasetLayout.REJECTED).resolve("rejected-old-0.jsonl");
        assertTrue(Files.exists(moved));
        if (posix()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(moved)));
        }
    }
}
