package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PseudonymKey;
import dev.episodes.writing.Json;
import dev.episodes.writing.ShardReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start works: the demo generates, streams through a broker on the embedded cluster and publishes a dataset. */
class DemoITCase {
    @Test
    void demoWritesADatasetAndASecondDemoGivesTheSameDataset(@TempDir Path dir) throws Exception {
        EpisodesCliTest.Run r = EpisodesCliTest.run("demo", "--dir", dir.toString(), "--people", "2", "--minutes", "3");
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> parts = Files.list(dir.resolve("dataset"))) {
            // Streamed partitions are published (a manifest) but never complete (_SUCCESS): see episodes.md.
            assertTrue(parts.anyMatch(p -> p.getFileName().toString().startsWith("dt=")
                    && Files.exists(p.resolve("_manifest.json")) && !Files.exists(p.resolve("_SUCCESS"))));
        }
        List<Long> first = rowsAndKeys(dir.resolve("dataset"));
        Path key = dir.resolve("pseudonym.key");
        byte[] keyBytes = Files.readAllBytes(key);
        assertEquals(32, keyBytes.length, "the demo made its own random key");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
        String keyId = PseudonymKey.resolve(key, Map.of()).pseudonymizer().keyId();
        assertEquals(keyId, Json.MAPPER.readTree(dir.resolve("dataset/_meta/info.json").toFile())
                .get("pseudonym_key_id").asText(), "the dataset is built with it");
        Set<Object> users = users(dir.resolve("dataset"));
        assertEquals(first.get(0), first.get(1), "every (episode_id, step_index) once");

        // The second demo streams the same people through a fresh broker: before, it added every episode
        // again (942 rows, 471 distinct); its old checkpoints belonged to the broker that is gone.
        EpisodesCliTest.Run again = EpisodesCliTest.run("demo", "--dir", dir.toString(), "--people", "2", "--minutes", "3");
        assertEquals(0, again.code(), again.err());
        assertEquals(first, rowsAndKeys(dir.resolve("dataset")), "rows and distinct keys as after the first demo");
        assertArrayEquals(keyBytes, Files.readAllBytes(key), "the rerun kept the demo's key");
        assertEquals(users, users(dir.resolve("dataset")), "so the same people have the same pseudonyms");
        EpisodesCliTest.Run verify = EpisodesCliTest.run("inspect", dir.resolve("dataset").toString(), "--verify");
        assertEquals(0, verify.code(), verify.out() + verify.err());
        assertFalse(Files.exists(dir.resolve("kafka")), "the broker's folder goes with the broker");
    }

    /** The user pseudonyms in the dataset's steps files. */
    static Set<Object> users(Path dataset) throws Exception {
        Set<Object> users = new HashSet<>();
        try (Stream<Path> files = Files.walk(dataset)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")
                    && p.getParent().getFileName().toString().equals("steps")).toList()) {
                for (var row : ShardReader.read(f)) {
                    users.add(row.get("user"));
                }
            }
        }
        assertFalse(users.isEmpty() || users.contains(null), "user pseudonyms: " + users);
        return users;
    }

    /** Step rows in the dataset's steps files and their distinct (episode_id, step_index). */
    static List<Long> rowsAndKeys(Path dataset) throws Exception {
        long rows = 0;
        Set<String> keys = new HashSet<>();
        try (Stream<Path> files = Files.walk(dataset)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")
                    && p.getParent().getFileName().toString().equals("steps")).toList()) {
                for (var row : ShardReader.read(f)) {
                    rows++;
                    keys.add(row.get("episode_id") + "/" + row.get("step_index"));
                }
            }
        }
        return List.of(rows, (long) keys.size());
    }
}
