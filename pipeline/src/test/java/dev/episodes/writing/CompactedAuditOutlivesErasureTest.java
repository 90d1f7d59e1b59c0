package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.storage.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17, item 5): "an erased person's episodes are gone from frames, audit and dead letters
 * too", and erasure re-marks what other writers retired that holds the person so it goes with the
 * erasure's grace. A compaction retires its sources' audit files along with their Parquet files (24 h, for
 * readers of the older manifest). Erasure re-marks only retired {@code .parquet} files, so after
 * {@code compact} then {@code erase --retired-grace 0s}, the sources' audit lines of the erased person's
 * episodes are still under {@code _audit/dt=…/}, outside {@code _private/}, for a day.
 */
class CompactedAuditOutlivesErasureTest {
    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void noAuditLineOfAnErasedEpisodeIsLeftAfterACompactionThenAnErasureWithNoGrace() throws Exception {
        Store store = Store.local(root);
        TestShards.appendSlices(store, work, 4);
        // Who has redacted episodes: audit lines name episode ids; the episodes rows name their person.
        Map<String, String> personOf = new HashMap<>();
        for (Manifest.FileEntry f : new PartitionLog(store, TestShards.DAY, Duration.ofHours(1)).current().manifest().files()) {
            if (f.table().equals(DatasetLayout.EPISODES)) {
                for (GenericRecord r : ShardReader.read(store, TestShards.DAY + "/" + f.path())) {
                    personOf.put(r.get("episode_id").toString(), r.get("user").toString());
                }
            }
        }
        Map<String, Long> auditedBy = new HashMap<>();
        for (JsonNode line : auditLines()) {
            auditedBy.merge(personOf.get(line.get("episode_id").asText()), 1L, Long::sum);
        }
        assertFalse(auditedBy.isEmpty(), "the sample has redactions");
        String person = auditedBy.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Set<String> theirEpisodes = new HashSet<>();
        personOf.forEach((e, u) -> {
            if (u.equals(person)) {
                theirEpisodes.add(e);
            }
        });

        Compaction.Result c = Compaction.compact(store, TestShards.DAY,
                new Compaction.Settings(256L << 20, 128L << 20, DatasetLayout.RETIRED_GRACE));
        assertTrue(c.committed(), c.toString());
        Erasure.Result r = Erasure.erase(store, person, null, Duration.ZERO);
        assertTrue(r.episodesRemoved() > 0, r.toString());

        // The rows are gone from every Parquet file (the retired sources re-marked and deleted): holds.
        try (Stream<Path> files = Files.walk(root.resolve(TestShards.DAY))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                for (GenericRecord row : ShardReader.read(p)) {
                    if (row.getSchema().getField("user") != null) {
                        assertFalse(person.equals(row.get("user").toString()), "a row of the person in " + root.relativize(p));
                    }
                }
            }
        }
        // Their audit lines must be gone too, from every file under _audit/, named or retired.
        List<String> left = new ArrayList<>();
        for (JsonNode line : auditLines()) {
            if (theirEpisodes.contains(line.get("episode_id").asText())) {
                left.add(line.get("file").asText());
            }
        }
        assertEquals(List.of(), left.stream().distinct().toList(),
                left.size() + " audit lines of the erased person's episodes left in these files");
    }

    /** Every line of every audit file under {@code _audit/dt=…/}, with the file it is in as {@code file}. */
    private List<JsonNode> auditLines() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        Path dir = root.resolve(DatasetLayout.AUDIT);
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    if (!l.isBlank()) {
                        var n = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(l);
                        if (n.has("episode_id")) {
                            n.put("file", root.relativize(p).toString());
                            out.add(n);
                        }
                    }
                }
            }
        }
        return out;
    }
}
