package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import dev.episodes.storage.Store;
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
    void deadLettersArePublishedOwnerOnlyAndSorted(@TempDir Path local) throws Exception {
        Path written = local.resolve("rejected-r1-0.jsonl");
        Files.writeString(written, "{\"reason\":\"late\",\"n\":2}\n{\"reason\":\"late\",\"n\":1}\n");
        DatasetCommitter.publishRejected(Store.local(root), written, "rejected-r1-0.jsonl");
        Path file = root.resolve(DatasetLayout.REJECTED).resolve("rejected-r1-0.jsonl");
        assertTrue(Files.exists(file));
        assertEquals("{\"reason\":\"late\",\"n\":1}\n{\"reason\":\"late\",\"n\":2}\n", Files.readString(file));
        DatasetCommitter.publishRejected(Store.local(root), written, "rejected-r1-0.jsonl"); // a rerun replaces it
        assertEquals(2, Files.readAllLines(file).size());
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
        new DatasetCommitter(root, "r2").commit(List.of(), RebuildBase.empty(), Map.of("kind", "test"), "k", Map.of(),
                List.of(), 0);
        assertFalse(Files.exists(legacy), "nothing left in the open");
        Path moved = root.resolve(DatasetLayout.REJECTED).resolve("rejected-old-0.jsonl");
        assertTrue(Files.exists(moved));
        if (posix()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(moved)));
        }
    }
}
