package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.storage.Store;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.writing.Erasure;
import dev.episodes.writing.Json;
import dev.episodes.writing.ShardReader;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Erasure: the person is gone from steps, episodes and audit; everyone else's rows are unchanged. */
class ErasureITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void erasingAPersonRemovesThemAndLeavesEveryoneElseUnchanged(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("activity.jsonl");
        // Starting ten minutes before midnight: a multi-day dataset (episodes start on both days).
        Corpus.write(input, new GeneratorSettings(3, Duration.ofMinutes(40), 31,
                java.time.Instant.parse("2026-11-27T23:40:00Z"), 0.02, 0, Duration.ofSeconds(3)));
        Path root = dir.resolve("dataset");
        PseudonymKey key = TestKey.KEY;
        // Two malformed lines that name people (a key event without its key): their dead letters carry the
        // pseudonym, and erasure must remove the erased person's one and keep the other's.
        long ts = java.time.Instant.parse("2026-11-27T23:50:00Z").toEpochMilli() * 1000L;
        Files.writeString(input, "{\"kind\":\"key\",\"event_id\":\"e-dl-1\",\"user_id\":\"u-1001\",\"device_id\":\"d-1\","
                + "\"ts_us\":" + ts + ",\"seq\":1,\"action\":\"down\",\"code\":\"KeyA\",\"modifiers\":[]}\n"
                + "{\"kind\":\"key\",\"event_id\":\"e-dl-2\",\"user_id\":\"u-1002\",\"device_id\":\"d-2\","
                + "\"ts_us\":" + ts + ",\"seq\":1,\"action\":\"down\",\"code\":\"KeyA\",\"modifiers\":[]}\n",
                java.nio.file.StandardOpenOption.APPEND);
        new ArchiveReplay(input, root, PipelineConfig.defaults().withParallelism(2), key).run(Flink.env(), Progress.NONE);
        try (Stream<Path> parts = Files.list(root)) {
            assertTrue(parts.filter(p -> p.getFileName().toString().startsWith("dt=")).count() >= 2, "several days");
        }
        String gone = key.pseudonymizer().user("u-1001");
        List<String> before = rows(root);
        List<String> othersBefore = before.stream().filter(r -> !r.contains(gone)).toList();
        assertTrue(before.size() > othersBefore.size(), "the person had rows");

        String other = key.pseudonymizer().user("u-1002");
        assertTrue(deadLetters(root).stream().anyMatch(l -> l.contains(gone)), "the person's dead letter is there");
        // No grace period: the replaced files (which still hold the person) are deleted by the erasure itself.
        Erasure.Result r = Erasure.erase(Store.local(root), gone, null, Duration.ZERO);
        assertTrue(r.stepsRemoved() > 0 && r.episodesRemoved() > 0 && r.filesTouched() > 0);
        assertEquals(1, r.deadLettersRemoved(), "the person's dead letter");
        assertFalse(deadLetters(root).stream().anyMatch(l -> l.contains(gone)), "no dead letter of the person remains");
        assertTrue(deadLetters(root).stream().anyMatch(l -> l.contains(other)), "everyone else's are kept");
        List<String> after = rows(root);
        assertFalse(after.stream().anyMatch(x -> x.contains(gone)), "no row of the person remains");
        assertEquals(othersBefore, after, "everyone else's rows are unchanged");
        assertManifestsTrue(root, gone);
        // Nothing but the erasure's own record names the person: not the partitions' older manifest versions
        // (each listed the people of every file), not the pointer, audit or dead letters.
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")
                    || p.toString().endsWith(".jsonl")).filter(p -> !root.relativize(p).startsWith("_private/erasures"))
                    .toList()) {
                assertFalse(Files.readString(f).contains(gone), root.relativize(f) + " still names the erased person");
            }
        }
        try (Stream<Path> audit = Files.walk(root.resolve("_audit"))) {
            for (Path f : audit.filter(p -> p.toString().contains("redactions-")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String episode = Json.MAPPER.readTree(line).get("episode_id").asText();
                    assertFalse(before.stream().filter(x -> x.contains(gone)).anyMatch(x -> x.contains(episode)),
                            "audit lines of the person's episodes are gone");
                }
            }
        }

        Erasure.Result again = Erasure.erase(Store.local(root), gone, null, Duration.ZERO);
        assertEquals(new Erasure.Result(0, 0, 0, 0), again, "safe to rerun");
        assertFalse(again.matched());
        assertEquals(after, rows(root));
        List<JsonNode> log = Erasure.records(Store.local(root));
        assertEquals(1, log.size(), "the rerun matched nothing and records nothing (issue 12)");
        assertFalse(log.get(0).toString().contains("u-1001"), "the erasure record holds the pseudonym, never the raw id");
    }

    private static void assertManifestsTrue(Path root, String gone) throws Exception {
        try (Stream<Path> parts = Files.list(root)) {
            for (Path p : parts.filter(x -> x.getFileName().toString().startsWith("dt=")).toList()) {
                JsonNode m = Json.MAPPER.readTree(p.resolve("_manifest.json").toFile());
                long steps = 0;
                for (JsonNode f : m.get("files")) {
                    Path file = p.resolve(f.get("path").asText());
                    assertEquals(f.get("size_bytes").asLong(), Files.size(file));
                    assertEquals(f.get("sha256").asText(), HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                    assertEquals(f.get("row_count").asLong(), ShardReader.read(file).size());
                    assertFalse(f.has("users"), "people lists are in _private/people, not in manifests");
                    String index = Files.readString(root.resolve(dev.episodes.writing.PeopleIndex.keyOf(
                            p.getFileName() + "/" + f.get("path").asText())));
                    assertFalse(index.contains(gone), index);
                    if (f.get("table").asText().equals("steps")) {
                        steps += f.get("row_count").asLong();
                    }
                }
                assertEquals(steps, m.get("totals").get("steps").asLong());
                long byAction = 0;
                for (JsonNode v : m.get("steps_by_action")) {
                    byAction += v.asLong();
                }
                assertEquals(steps, byAction);
            }
        }
    }

    private static List<String> rows(Path root) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> root.relativize(p).toString().startsWith("dt=")
                    && p.toString().endsWith(".parquet")).sorted(java.util.Comparator.comparing(
                            (Path p) -> p.toString().replaceAll("erased-[0-9a-f]{8}-", ""))).toList()) {
                for (GenericRecord r : ShardReader.read(f)) {
                    // Erasure writes each file it rewrites under a new name: the same file, but for its prefix.
                    rows.add((root.relativize(f) + " " + r).replaceAll("erased-[0-9a-f]{8}-", ""));
                }
            }
        }
        return rows;
    }

    private static List<String> deadLetters(Path root) throws java.io.IOException {
        Path dir = root.resolve(dev.episodes.writing.DatasetLayout.REJECTED);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        return lines;
    }
}
