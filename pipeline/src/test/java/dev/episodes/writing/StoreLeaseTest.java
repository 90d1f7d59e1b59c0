package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease on a store without OS locks (S3, HDFS), run here through a local store's own operations. */
class StoreLeaseTest {
    private static Path leaseFile(Path root) {
        return root.resolve(DatasetLayout.META).resolve(DatasetLease.FILE);
    }

    @Test
    void aSecondHolderIsRefusedAndAReleasedLeaseIsEmptiedAndFree(@TempDir Path root) throws Exception {
        Store store = Store.local(root);
        try (DatasetLease first = DatasetLease.acquireThrough(store, "replay", m -> { })) {
            assertTrue(Files.readString(leaseFile(root)).contains("\"owner\" : \"replay\""));
            DatasetLease.Busy busy = assertThrows(DatasetLease.Busy.class,
                    () -> DatasetLease.acquireThrough(store, "nightly", m -> { }));
            assertTrue(busy.getMessage().contains("replay (pid " + ProcessHandle.current().pid()), busy.getMessage());
        }
        assertEquals(0, Files.size(leaseFile(root)), "a released lease is emptied");
        List<String> log = new ArrayList<>();
        try (DatasetLease again = DatasetLease.acquireThrough(store, "nightly", log::add)) {
            assertTrue(log.isEmpty(), "a released lease is not stale: " + log);
            assertTrue(Files.readString(leaseFile(root)).contains("\"owner\" : \"nightly\""));
        }
    }

    @Test
    void aLeaseOfADeadBuildIsTakenOverWithAMessage(@TempDir Path root) throws Exception {
        Files.createDirectories(leaseFile(root).getParent());
        Files.writeString(leaseFile(root), Json.MAPPER.writeValueAsString(new DatasetLease.Holder("replay", 999_999_999L,
                DatasetLease.hostName(), "2026-11-30T10:00:00Z", Instant.now().toString())));
        List<String> log = new ArrayList<>();
        try (DatasetLease lease = DatasetLease.acquireThrough(Store.local(root), "nightly", log::add)) {
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).contains("from replay (pid 999999999"), log.get(0));
        }
    }

    @Test
    void aFreshLeaseOfAnotherHostIsRespected(@TempDir Path root) throws Exception {
        Files.createDirectories(leaseFile(root).getParent());
        Files.writeString(leaseFile(root), Json.MAPPER.writeValueAsString(new DatasetLease.Holder("stream", 42L,
                "another-host", "2026-11-30T10:00:00Z", Instant.now().toString())));
        DatasetLease.Busy busy = assertThrows(DatasetLease.Busy.class,
                () -> DatasetLease.acquireThrough(Store.local(root), "nightly", m -> { }));
        assertTrue(busy.getMessage().contains("stream (pid 42 on another-host"), busy.getMessage());
    }
}
