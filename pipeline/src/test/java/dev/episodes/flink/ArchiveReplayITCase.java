package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.CorpusFacts;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.writing.Json;
import dev.episodes.writing.ShardReader;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated corpus, replayed on a MiniCluster, read back by DuckDB (an independent reader) and by
 * parquet-java: counts, schema, contiguity, ordering, pairing, accounting, and no raw id or planted
 * password anywhere in the training data.
 */
class ArchiveReplayITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static CorpusFacts facts;
    static RunSummary summary;
    static Path root;

    @BeforeAll
    static void replay() throws Exception {
        Path input = dir.resolve("activity.jsonl");
        facts = Corpus.write(input, GeneratorSettings.of(6, Duration.ofMinutes(20), 11)
                .withDuplicateRate(0.05).withMalformedRate(0.004));
        root = dir.resolve("dataset");
        summary = new ArchiveReplay(input, root, PipelineConfig.defaults().withParallelism(2),
                TestKey.KEY).run(Flink.env(), Progress.NONE);
    }

    private static Connection duck() throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    private static String steps() {
        return "read_parquet('" + root + "/dt=*/steps/*.parquet', filename=true)";
    }

    private static String episodes() {
        return "read_parquet('" + root + "/dt=*/episodes/*.parquet')";
    }

    private static long scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void everyInputLineIsAccountedFor() throws Exception {
        assertEquals(facts.lines(), summary.recordsRead());
        assertEquals(facts.duplicates(), summary.duplicates());
        assertEquals(facts.malformed(), summary.deadLetterTotal());
        assertTrue(summary.accountedFor());
        long rejectedLines = 0;
        try (Stream<Path> files = Files.list(root.resolve(dev.episodes.writing.DatasetLayout.REJECTED))) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode n = Json.MAPPER.readTree(line);
                    assertTrue(n.hasNonNull("reason") && n.hasNonNull("detail") && n.hasNonNull("file")
                            && n.get("line").asLong() > 0, "reason and source: " + line);
                    assertFalse(n.has("raw"), "no raw bytes unless asked for: " + line);
                    rejectedLines++;
                }
            }
        }
        assertEquals(facts.malformed(), rejectedLines);
    }

    @Test
    void duckDbReadsTheContractSchema() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("episode_id", "VARCHAR");
        expected.put("step_index", "INTEGER");
        expected.put("user", "VARCHAR");
        expected.put("device", "VARCHAR");
        expected.put("ts_us", "BIGINT");
        expected.put("end_ts_us", "BIGINT");
        expected.put("action", "VARCHAR");
        expected.put("x", "INTEGER");
        expected.put("y", "INTEGER");
        expected.put("to_x", "INTEGER");
        expected.put("to_y", "INTEGER");
        expected.put("scroll_dx", "INTEGER");
        expected.put("scroll_dy", "INTEGER");
        expected.put("text", "VARCHAR");
        expected.put("keys", "VARCHAR");
        expected.put("app", "VARCHAR");
        expected.put("window_title", "VARCHAR");
        expected.put("url", "VARCHAR");
        expected.put("element_role", "VARCHAR");
        expected.put("element_name", "VARCHAR");
        expected.put("screenshot_ref", "VARCHAR");
        expected.put("screen_w", "INTEGER");
        expected.put("screen_h", "INTEGER");
        expected.put("frame_id", "VARCHAR"); // 1.1
        expected.put("redactions", "VARCHAR[]");
        expected.put("split", "VARCHAR"); // beyond the contract's columns (allowed): the person's training split
        expected.put("dt", "DATE"); // DuckDB reads the hive-style partition folder as a column
        Map<String, String> actual = new LinkedHashMap<>();
        try (Connection c = duck(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("describe select * from read_parquet('" + root
                        + "/dt=*/steps/*.parquet')")) {
            while (rs.next()) {
                actual.put(rs.getString(1), rs.getString(2));
            }
        }
        assertEquals(expected, actual);
        try (Connection c = duck(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("describe select * from " + episodes())) {
            List<String> cols = new ArrayList<>();
            while (rs.next()) {
                cols.add(rs.getString(1) + ":" + rs.getString(2));
            }
            assertEquals(List.of("episode_id:VARCHAR", "user:VARCHAR", "device:VARCHAR", "start_ts_us:BIGINT",
                    "end_ts_us:BIGINT", "num_steps:INTEGER", "apps:VARCHAR[]", "redaction_count:INTEGER",
                    "file:VARCHAR", "split:VARCHAR", "dt:DATE"), cols);
        }
    }

    @Test
    void countsAgreeBetweenDuckDbTheManifestsAndTheRun() throws Exception {
        long manifestSteps = 0;
        long manifestEpisodes = 0;
        try (Stream<Path> parts = Files.list(root)) {
            for (Path p : parts.filter(x -> x.getFileName().toString().startsWith("dt=")).toList()) {
                assertTrue(Files.exists(p.resolve("_SUCCESS")));
                JsonNode m = Json.MAPPER.readTree(p.resolve("_manifest.json").toFile());
                manifestSteps += m.get("totals").get("steps").asLong();
                manifestEpisodes += m.get("totals").get("episodes").asLong();
                for (JsonNode f : m.get("files")) {
                    Path file = p.resolve(f.get("path").asText());
                    assertEquals(f.get("size_bytes").asLong(), Files.size(file));
                    String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(file)));
                    assertEquals(f.get("sha256").asText(), sha);
                }
            }
        }
        try (Connection c = duck(); Statement st = c.createStatement()) {
            assertEquals(manifestSteps, scalar(st, "select count(*) from " + steps()));
            assertEquals(manifestEpisodes, scalar(st, "select count(*) from " + episodes()));
            assertEquals(summary.commit().steps(), manifestSteps);
            assertTrue(manifestEpisodes >= 6, "at least one episode per person");
            assertEquals(0, scalar(st, "select count(*) from (select episode_id, count(*) n, min(step_index) lo, "
                    + "max(step_index) hi from " + steps() + " group by 1) where lo <> 0 or hi <> n - 1"),
                    "step_index is 0..n-1 in every episode");
            assertEquals(0, scalar(st, "select count(*) from " + episodes() + " e join (select episode_id, count(*) n, "
                    + "count(distinct filename) files, any_value(filename) f from " + steps()
                    + " group by 1) s using (episode_id) where s.n <> e.num_steps or s.files <> 1 "
                    + "or not s.f like '%/' || e.file"), "num_steps and file agree; an episode lives in one file");
            assertEquals(0, scalar(st, "select count(*) from " + steps() + " where ts_us > end_ts_us"));
            assertEquals(0, scalar(st, "select count(*) from (select episode_id, ts_us, lag(ts_us) over "
                    + "(partition by episode_id order by step_index) prev from " + steps() + ") where ts_us < prev"),
                    "steps are in time order");
            assertEquals(0, scalar(st, "select count(*) from " + steps() + " where app is null"),
                    "every generated step happens after a context event, so it is paired");
            assertEquals(0, scalar(st, "select count(*) from " + steps() + " where action = 'type' and text is null"));
            assertEquals(0, scalar(st, "select count(*) from " + steps() + " where action = 'drag' and to_x is null"));
        }
    }

    @Test
    void rowsOfEachStepsFileAreSortedByEpisodeThenStep() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().contains("/steps/")).toList()) {
                String prev = "";
                int prevIndex = -1;
                for (GenericRecord r : ShardReader.read(f)) {
                    String id = r.get("episode_id").toString();
                    int idx = (Integer) r.get("step_index");
                    int cmp = id.compareTo(prev);
                    assertTrue(cmp > 0 || (cmp == 0 && idx == prevIndex + 1), f + " at " + id + "/" + idx);
                    prev = id;
                    prevIndex = idx;
                }
            }
        }
    }

    @Test
    void noRawIdentifierOrPlantedPasswordReachesTheData() throws Exception {
        assertFalse(facts.plantedPasswords().isEmpty());
        long rows = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                for (GenericRecord r : ShardReader.read(f)) {
                    String row = r.toString();
                    rows++;
                    for (String id : facts.userIds()) {
                        assertFalse(asToken(id).matcher(row).find(), "raw user id " + id + " in " + f + ": " + row);
                    }
                    for (String id : facts.deviceIds()) {
                        assertFalse(asToken(id).matcher(row).find(), "raw device id " + id + " in " + f + ": " + row);
                    }
                    for (String pw : facts.plantedPasswords()) {
                        assertFalse(row.contains(pw), "planted password leaked in " + f);
                    }
                }
            }
        }
        assertEquals(summary.commit().steps() + summary.commit().episodes(), rows, "every row was checked");
        try (Connection c = duck(); Statement st = c.createStatement()) {
            long passwordSteps = scalar(st, "select count(*) from " + steps() + " where text = '[PASSWORD]'");
            assertTrue(passwordSteps >= facts.plantedPasswords().size(), "every password typed became [PASSWORD]");
            assertEquals(passwordSteps, scalar(st, "select count(*) from " + steps() + " where text = '[PASSWORD]' "
                    + "and end_ts_us = ts_us and list_contains(redactions, 'PASSWORD')"), "with no duration");
            assertEquals(0, scalar(st, "select count(*) from " + steps() + " where element_name = 'Password' "
                    + "and action = 'type' and text <> '[PASSWORD]'"));
        }
    }

    /** An id as a whole token anywhere (also inside screenshot paths and URLs), not inside a longer id. */
    private static java.util.regex.Pattern asToken(String id) {
        return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_-])" + java.util.regex.Pattern.quote(id)
                + "(?![A-Za-z0-9_-])");
    }

    @Test
    void nothingTemporaryRemainsAndMetadataIsThere() throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            List<String> odd = all.map(p -> root.relativize(p).toString())
                    .filter(p -> p.contains("_staging") || p.endsWith(".tmp") || p.contains("_stats")).toList();
            assertEquals(List.of(), odd);
        }
        JsonNode info = Json.MAPPER.readTree(root.resolve("_meta/info.json").toFile());
        assertEquals("1.1", info.get("schema_version").asText());
        assertTrue(info.get("columns").get("steps").has("redactions"));
        assertTrue(info.get("columns").get("steps").has("frame_id"));
        assertTrue(info.get("columns").get("frames").has("image"));
    }
}
