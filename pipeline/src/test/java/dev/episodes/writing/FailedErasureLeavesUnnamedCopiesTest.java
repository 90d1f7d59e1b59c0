package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17, item 5; episodes.md "a rerun cleans up"): an erasure writes the rewritten data files
 * under {@code dt=…/steps|episodes/erased-<token>-…} before it commits. One that dies after those uploads
 * (here: an audit line it cannot parse makes it throw, as a kill or a store error at that point would) and
 * is then rerun to completion must leave no unnamed file under the partition: an analyst's glob over
 * {@code dt=*}/steps/*.parquet would count everyone else's rows twice. Orphan clean-up knows
 * {@code part-s*} and {@code part-<run>-*} names only.
 */
class FailedErasureLeavesUnnamedCopiesTest {
    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void aRerunAfterAnErasureThatDiedMidwayLeavesOnlyNamedOrRetiredFiles() throws Exception {
        Store store = Store.local(root);
        TestShards.appendSlices(store, work, 2);
        Manifest m = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).current().manifest();
        String person = TestShards.people(store, TestShards.DAY, m.files().get(0)).get(0);
        assertTrue(!m.audit().isEmpty(), "the sample has audit files");
        Path audit = root.resolve(m.audit().get(m.audit().size() - 1));
        byte[] good = Files.readAllBytes(audit);
        Files.write(audit, (new String(good, StandardCharsets.UTF_8) + "{cut off\n").getBytes(StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> Erasure.erase(store, person, null, Duration.ZERO), "the first run dies");
        Files.write(audit, good);

        Erasure.Result rerun = Erasure.erase(store, person, null, Duration.ZERO);
        assertTrue(rerun.episodesRemoved() > 0, rerun.toString());
        Manifest now = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).current().manifest();
        Set<String> known = new HashSet<>();
        now.files().forEach(f -> known.add(TestShards.DAY + "/" + f.path()));
        now.retired().forEach(r -> known.add(r.path()));
        List<String> unnamed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve(TestShards.DAY))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList()) {
                String rel = root.relativize(p).toString();
                if (!known.contains(rel)) {
                    unnamed.add(rel);
                }
            }
        }
        assertEquals(List.of(), unnamed, "Parquet files under the partition that no manifest names or retires");
    }
}
