package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17, item 5): "each erasure is recorded in its own {@code _private/erasures/…} … Safe to
 * rerun." The record is written last, after every partition committed and the replaced files were deleted.
 * An erasure that dies just before it (killed, or the record's write fails: here a file where the records
 * folder should be) has removed the person; its rerun matches nothing and, by design, records nothing. The
 * erasure happened and no record of it exists: the operator cannot show it was done.
 */
class KilledErasureLeavesNoRecordTest {
    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void anErasureThatDiedBeforeItsRecordIsRecordedByItsRerun() throws Exception {
        Store store = Store.local(root);
        List<TestShards.Shard> shards = TestShards.appendSlices(store, work, 2);
        String person = TestShards.people(store, TestShards.DAY,
                new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).current().manifest().files().get(0)).get(0);
        Path records = root.resolve(Erasure.RECORDS);
        Files.createDirectories(records.getParent());
        Files.writeString(records, "in the way"); // the record cannot be written: the run dies there
        assertThrows(IOException.class, () -> Erasure.erase(store, person, null, Duration.ZERO));
        Files.delete(records);

        Erasure.Result rerun = Erasure.erase(store, person, null, Duration.ZERO);
        assertTrue(shards.size() == 2);
        assertEquals(1, Erasure.records(store).size(),
                "records of an erasure whose first run died before recording (rerun: " + rerun + ")");
    }
}
