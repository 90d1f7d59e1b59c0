package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.storage.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17, item 1 and 5): a root from before the people index lists each file's people inline in
 * every version of {@code dt=…/_manifests/}, not only in {@code _manifest.json}. "Moved by the next commit"
 * moves them out of the new version; the older versions keep theirs until {@link PartitionLog#KEEP}
 * commits later. Retention commits twice and stops, so on an expired partition those versions stay
 * forever; an erasure afterwards finds no file (all deleted) and commits nothing, so it never reaches
 * {@code forgetHistory} either: the erased person's pseudonym stays listed, per file, outside
 * {@code _private/}, after both their data and their erasure.
 */
class OldFormatLogKeepsPeopleListsTest {
    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void anErasedPersonIsNamedNowhereOutsidePrivateAfterRetentionOfAnOldFormatPartition() throws Exception {
        Store store = Store.local(root);
        String person = oldFormatPartition(store);
        Retention.expire(store, LocalDate.parse(TestShards.DAY.substring(3)).plusDays(1), Duration.ZERO);
        Erasure.erase(store, person, null, Duration.ZERO);
        assertEquals(List.of(), filesOutsidePrivateNaming(person),
                "files the training team can read that still name the erased person");
    }

    @Test
    void theMovingCommitLeavesNoPeopleListInAnyManifestVersion() throws Exception {
        Store store = Store.local(root);
        String person = oldFormatPartition(store);
        TestShards.Shard next = TestShards.write(store, work, "part-s9-0.parquet", TestShards.slices(4).get(3));
        new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).commit(TestShards.append(next));
        JsonNode now = Json.MAPPER.readTree(root.resolve(TestShards.DAY).resolve(DatasetLayout.MANIFEST).toFile());
        now.get("files").forEach(f -> assertFalse(f.has("users"), "the current manifest: moved out"));
        // The person's rows are in the data files, as the stable scope says: only the manifests are in question.
        assertEquals(List.of(), filesOutsidePrivateNaming(person).stream().filter(f -> f.endsWith(".json")).toList(),
                "older manifest versions still list people per file");
    }

    /** Three commits, then every full log version rewritten as before issue 17: lists inline, no index. Returns one person. */
    private String oldFormatPartition(Store store) throws Exception {
        TestShards.appendSlices(store, work, 3);
        Path log = root.resolve(TestShards.DAY).resolve("_manifests");
        List<Path> versions;
        try (Stream<Path> s = Files.list(log)) {
            versions = s.sorted().toList();
        }
        List<Path> indexes = new ArrayList<>();
        String person = null;
        for (Path v : versions) {
            ObjectNode m = (ObjectNode) Json.MAPPER.readTree(v.toFile());
            if (m.has("stub")) {
                continue;
            }
            for (JsonNode f : m.get("files")) {
                Path index = root.resolve(PeopleIndex.keyOf(TestShards.DAY + "/" + f.get("path").asText()));
                ArrayNode users = ((ObjectNode) f).putArray("users");
                Json.MAPPER.readTree(index.toFile()).get("users").forEach(users::add);
                indexes.add(index);
                person = person != null ? person : users.get(0).asText();
            }
            Files.write(v, Json.MAPPER.writeValueAsBytes(m));
        }
        Files.copy(versions.get(versions.size() - 1), root.resolve(TestShards.DAY).resolve(DatasetLayout.MANIFEST),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (Path i : indexes) {
            Files.deleteIfExists(i);
        }
        assertTrue(person != null && !person.isBlank());
        return person;
    }

    private List<String> filesOutsidePrivateNaming(String value) throws Exception {
        byte[] needle = value.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (!rel.startsWith(DatasetLayout.PRIVATE + "/") && contains(Files.readAllBytes(p), needle)) {
                    out.add(rel);
                }
            }
        }
        return out;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
