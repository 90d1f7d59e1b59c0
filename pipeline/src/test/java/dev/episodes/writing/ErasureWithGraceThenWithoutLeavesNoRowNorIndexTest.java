package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17, item 5), a guarantee: streaming appends, a compaction (sources kept 24 h), more
 * appends, then {@code erase --retired-grace 24h} and later {@code erase --retired-grace 0s}: no Parquet
 * file anywhere under the partition holds a row of the person, no index file under {@code _private/people/}
 * lists them, every index file belongs to a data file that exists, and no file the manifest names lacks one.
 */
class ErasureWithGraceThenWithoutLeavesNoRowNorIndexTest {
    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void aSecondErasureWithNoGraceLeavesNothingOfThePersonInRowsOrIndex() throws Exception {
        Store store = Store.local(root);
        List<List<dev.episodes.session.Episode>> slices = TestShards.slices(6);
        PartitionLog log = new PartitionLog(store, TestShards.DAY, Duration.ofHours(24));
        for (int i = 0; i < 3; i++) {
            log.commit(TestShards.append(TestShards.write(store, work, "part-s0-" + i + ".parquet", slices.get(i))));
        }
        assertTrue(Compaction.compact(store, TestShards.DAY,
                new Compaction.Settings(256L << 20, 128L << 20, DatasetLayout.RETIRED_GRACE)).committed());
        for (int i = 3; i < 6; i++) {
            log.commit(TestShards.append(TestShards.write(store, work, "part-s1-" + i + ".parquet", slices.get(i))));
        }
        java.util.Set<String> early = new java.util.HashSet<>();
        slices.subList(0, 3).forEach(s -> s.forEach(e -> early.add(e.user())));
        String person = slices.subList(3, 6).stream().flatMap(List::stream).map(dev.episodes.session.Episode::user)
                .filter(early::contains).findFirst().orElseThrow(() -> new AssertionError("nobody in both halves"));

        Erasure.Result first = Erasure.erase(store, person, null, Duration.ofHours(24));
        assertTrue(first.episodesRemoved() > 0, first.toString());
        Erasure.erase(store, person, null, Duration.ZERO);

        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve(TestShards.DAY))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                for (GenericRecord r : ShardReader.read(p)) {
                    if (r.getSchema().getField("user") != null && person.equals(r.get("user").toString())) {
                        rows.add(root.relativize(p).toString());
                        break;
                    }
                }
            }
        }
        assertEquals(List.of(), rows, "files with a row of the person");
        List<String> listing = new ArrayList<>();
        List<String> orphanIndex = new ArrayList<>();
        Path people = root.resolve(PeopleIndex.DIR);
        try (Stream<Path> files = Files.walk(people)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                // _private/people/<partition>/<table>.<file>.json indexes <partition>/<table>/<file>.parquet
                String name = p.getFileName().toString().replaceFirst("\\.json$", "");
                String data = people.relativize(p.getParent()) + "/" + name.replaceFirst("\\.", "/") + ".parquet";
                JsonNode users = Json.MAPPER.readTree(p.toFile()).get("users");
                users.forEach(u -> {
                    if (u.asText().equals(person)) {
                        listing.add(data);
                    }
                });
                if (!Files.exists(root.resolve(data))) {
                    orphanIndex.add(data);
                }
            }
        }
        assertEquals(List.of(), listing, "index files listing the person");
        assertEquals(List.of(), orphanIndex, "index files of data files that are gone");
        for (Manifest.FileEntry f : log.current().manifest().files()) {
            assertTrue(PeopleIndex.users(store, TestShards.DAY, f).isPresent(), "no index for " + f.path());
        }
    }
}
