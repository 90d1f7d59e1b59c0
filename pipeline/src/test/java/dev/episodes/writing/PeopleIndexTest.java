package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: who is in which file is for operators only. Manifests hold no people lists; each data file's
 * are in {@code _private/people/}, owner-only; erasure finds files through them, through an older
 * manifest's inline lists, and (an index lost) through the rows; and files other writers retired that still
 * hold the person go with the erasure's grace, not the 24 h they were retired with.
 */
class PeopleIndexTest {
    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void manifestsNameNoPeopleAndEachFileHasAnOwnerOnlyIndex() throws Exception {
        Store store = Store.local(root);
        List<TestShards.Shard> shards = TestShards.appendSlices(store, work, 3);
        JsonNode m = Json.MAPPER.readTree(root.resolve(TestShards.DAY).resolve(DatasetLayout.MANIFEST).toFile());
        assertEquals(6, m.get("files").size());
        for (JsonNode f : m.get("files")) {
            assertFalse(f.has("users"), f.toString());
            Path index = root.resolve(PeopleIndex.keyOf(TestShards.DAY + "/" + f.get("path").asText()));
            assertTrue(Files.exists(index), index.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(index)));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("_private/people"))));
        List<String> users = shards.get(0).files().get(0).users();
        assertEquals(users, TestShards.people(store, TestShards.DAY,
                new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).current().manifest().files().get(0)));
    }

    @Test
    void anOlderManifestsInlineListsAreReadAndMovedOutByTheNextCommit() throws Exception {
        Store store = Store.local(root);
        TestShards.appendSlices(store, work, 2);
        Path manifest = root.resolve(TestShards.DAY).resolve(DatasetLayout.MANIFEST);
        // Make the partition look as before issue 17: lists inline, no index files.
        ObjectNode m = (ObjectNode) Json.MAPPER.readTree(manifest.toFile());
        for (JsonNode f : m.get("files")) {
            String key = PeopleIndex.keyOf(TestShards.DAY + "/" + f.get("path").asText());
            ArrayNode users = ((ObjectNode) f).putArray("users");
            Json.MAPPER.readTree(root.resolve(key).toFile()).get("users").forEach(users::add);
            Files.delete(root.resolve(key));
        }
        byte[] old = Json.MAPPER.writeValueAsBytes(m);
        Files.write(manifest, old);
        Files.write(root.resolve(PartitionLog.logKey(TestShards.DAY, m.get("version").asLong())), old);
        Manifest read = new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).current().manifest();
        assertTrue(read.files().stream().allMatch(f -> f.users() != null && !f.users().isEmpty()));

        TestShards.Shard next = TestShards.write(store, work, "part-s9-0.parquet", TestShards.slices(3).get(2));
        new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).commit(TestShards.append(next));
        JsonNode now = Json.MAPPER.readTree(manifest.toFile());
        assertEquals(6, now.get("files").size());
        for (JsonNode f : now.get("files")) {
            assertFalse(f.has("users"), f.toString());
            assertTrue(Files.exists(root.resolve(PeopleIndex.keyOf(TestShards.DAY + "/" + f.get("path").asText()))));
        }
    }

    @Test
    void aFileWhoseIndexIsLostIsStillErasedByItsRows() throws Exception {
        Store store = Store.local(root);
        List<TestShards.Shard> shards = TestShards.appendSlices(store, work, 3);
        String gone = TestShards.slices(3).get(1).get(0).user();
        try (Stream<Path> all = Files.walk(root.resolve(PeopleIndex.DIR))) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
        Erasure.Result r = Erasure.erase(store, gone, null, Duration.ZERO);
        assertTrue(r.stepsRemoved() > 0, r.toString());
        List<String> left = TestShards.rows(TestShards.current(root, DatasetLayout.STEPS), "\"user\"", "\"user\"");
        assertTrue(left.stream().noneMatch(x -> x.contains(gone)), left.toString());
        assertFalse(left.isEmpty());
        assertEquals(shards.size() * 2, new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).current()
                .manifest().files().size(), "files that held nobody erased are kept as they were");
    }

    @Test
    void filesACompactionRetiredThatHoldThePersonGoWithTheErasuresGrace() throws Exception {
        Store store = Store.local(root);
        List<TestShards.Shard> shards = TestShards.appendSlices(store, work, 4);
        String gone = TestShards.slices(4).get(0).get(0).user();
        Compaction.compact(store, TestShards.DAY, Compaction.Settings.of(dev.episodes.config.OutputLayout.DEFAULT,
                DatasetLayout.RETIRED_GRACE));
        List<String> sources = new ArrayList<>();
        for (TestShards.Shard s : shards) {
            s.files().forEach(f -> sources.add(TestShards.DAY + "/" + f.path()));
        }
        assertTrue(sources.stream().allMatch(k -> Files.exists(root.resolve(k))), "kept for their grace");

        // With a grace: the sources holding the person are marked as the erasure's, so its grace applies.
        Path copy = work.resolve("copy");
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Path to = copy.resolve(root.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Erasure.erase(Store.local(copy), gone, null, Duration.ofMinutes(5));
        Manifest after = new PartitionLog(Store.local(copy), TestShards.DAY, Duration.ofHours(1)).current().manifest();
        List<String> holding = sources.stream().filter(k -> holds(copy.resolve(k), gone)).toList();
        assertFalse(holding.isEmpty());
        for (Manifest.Retired r : after.retired()) {
            if (holding.contains(r.path())) {
                assertEquals(Erasure.ERASURE, r.by(), r.path());
            }
        }

        // With none: they are gone now, with their index files; sources of others only stay.
        Erasure.Result r = Erasure.erase(store, gone, null, Duration.ZERO);
        assertTrue(r.matched());
        for (String k : sources) {
            boolean theirs = holding.contains(k);
            assertEquals(!theirs, Files.exists(root.resolve(k)), k);
            assertEquals(!theirs, Files.exists(root.resolve(PeopleIndex.keyOf(k))), k);
        }
        try (Stream<Path> all = Files.walk(root.resolve(TestShards.DAY))) {
            for (Path p : all.filter(x -> x.toString().endsWith(".parquet")).toList()) {
                assertFalse(holds(p, gone), p.toString());
            }
        }
    }

    private static boolean holds(Path parquet, String user) {
        try {
            return ShardReader.read(parquet).stream().anyMatch(r -> r.getSchema().getField("user") != null
                    && user.equals(String.valueOf(r.get("user"))));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
