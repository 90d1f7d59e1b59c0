package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.episodes.schema.output.Frame;
import dev.episodes.schema.output.Step;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.testing.Datasets;
import dev.episodes.testing.Events;
import dev.episodes.testing.FramesDatasets;
import dev.episodes.testing.Timeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCardTest {
    private static final long DAY_MS = 24 * 3600 * 1000L;

    @TempDir
    Path root;

    /** Two days, three episodes: one signs in (a password into a secure field), one chats, one clicks. */
    static List<Episode> episodes() {
        List<dev.episodes.event.RawEvent> all = new ArrayList<>(Events.script()
                .context(0, "Chrome", "Sign in - crm", "textbox", "Email", false)
                .click(100, 700, 400).type(300, "ana@example.com")
                .context(5_000, "Chrome", "Sign in - crm", "textbox", "Password", true)
                .type(5_200, "hunter22").press(6_200, "Enter", 0)
                .context(7_000, "Slack", "#team - Slack", "textbox", "Message", false)
                .type(7_100, "Ship it").press(8_000, "Enter", 0)
                .list());
        all.addAll(Events.script().context(DAY_MS, "Finder", "Downloads", "button", "Open", false)
                .click(DAY_MS + 100, 50, 60).click(DAY_MS + 2_000, 70, 80).click(DAY_MS + 4_000, 90, 100).list());
        return Timeline.run(all).episodes;
    }

    @Test
    void theHeaderParsesAsTheConfigsAndFeaturesDatasetsReads() throws Exception {
        JsonNode header = header(DatasetCard.render(FramesDatasets.config()));

        List<String> configs = new ArrayList<>();
        header.get("configs").forEach(c -> configs.add(c.get("config_name").asText()));
        assertEquals(List.of("steps", "episodes", "frames"), configs);
        assertTrue(header.get("configs").get(0).get("default").asBoolean(), "steps is the default config");
        assertFalse(header.get("configs").get(1).has("default"));
        JsonNode stepsFiles = header.get("configs").get(0).get("data_files").get(0);
        assertEquals("train", stepsFiles.get("split").asText());
        assertEquals("dt=*/steps/*.parquet", stepsFiles.get("path").asText());
        assertFalse(header.has("license"), "no license is claimed: the dataset's owner decides it");

        // dataset_info: one entry per config, its features the table's columns in the file's order.
        Map<String, JsonNode> info = new LinkedHashMap<>();
        header.get("dataset_info").forEach(c -> info.put(c.get("config_name").asText(), c.get("features")));
        assertEquals(configs, List.copyOf(info.keySet()));
        assertEquals(names(Step.getClassSchema()), featureNames(info.get("steps")));
        assertEquals(names(dev.episodes.schema.output.Episode.getClassSchema()), featureNames(info.get("episodes")));
        assertEquals(names(Frame.getClassSchema()), featureNames(info.get("frames")));

        assertEquals("string", feature(info.get("steps"), "frame_id").get("dtype").asText());
        assertEquals("int32", feature(info.get("steps"), "step_index").get("dtype").asText());
        assertEquals("int64", feature(info.get("steps"), "ts_us").get("dtype").asText());
        assertEquals("string", feature(info.get("steps"), "redactions").get("sequence").asText());
        assertEquals("string", feature(info.get("episodes"), "apps").get("sequence").asText());
        assertEquals("image", feature(info.get("frames"), "image").get("dtype").asText());
        JsonNode masks = feature(info.get("frames"), "masks").get("list");
        assertEquals(List.of("x", "y", "w", "h", "kind"), featureNames(masks));
        assertEquals("int32", feature(masks, "w").get("dtype").asText());
        assertEquals("string", feature(masks, "kind").get("dtype").asText());
    }

    @Test
    void withoutFramesTheCardHasNoFramesConfigAndSaysSo() throws Exception {
        for (Map<String, Object> config : List.of(Map.<String, Object>of(), Map.<String, Object>of("frames", false),
                Map.<String, Object>of("frames", Map.of("enabled", false)))) {
            String card = DatasetCard.render(config);
            JsonNode header = header(card);
            assertEquals(2, header.get("configs").size(), card);
            assertEquals(2, header.get("dataset_info").size());
            assertFalse(card.contains("dt=*/frames/"), card);
            assertTrue(card.contains("built without frames"), card);
            sql(card); // still has a DuckDB example
        }
        assertTrue(DatasetCard.framesOn(Map.of("frames", true)));
        assertTrue(DatasetCard.framesOn(Map.of("frames", dev.episodes.frames.FrameSettings.on())));
        assertFalse(DatasetCard.framesOn(Map.of("frames", dev.episodes.frames.FrameSettings.OFF)));
    }

    @Test
    void aBuildWritesTheCardWithInfoJsonAndARerunChangesNoByte() throws Exception {
        Datasets.write(root, episodes());
        Path card = root.resolve(DatasetCard.FILE);
        byte[] first = Files.readAllBytes(card);
        assertArrayEquals(DatasetCard.render(Map.of("session_gap", "PT5M")).getBytes(StandardCharsets.UTF_8), first);
        long modified = Files.getLastModifiedTime(card).toMillis();

        // The same configuration in another map order: the same bytes, and the file is left alone.
        Map<String, Object> a = new LinkedHashMap<>(FramesDatasets.config());
        Map<String, Object> b = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(a.keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> b.put(k, a.get(k)));
        assertEquals(DatasetCard.render(a), DatasetCard.render(b));
        Files.setLastModifiedTime(card, java.nio.file.attribute.FileTime.fromMillis(modified - 60_000));
        DatasetCommitter.writeInfo(Store.local(root), "another-run", Map.of("session_gap", "PT5M"), "k-other");
        assertArrayEquals(first, Files.readAllBytes(card));
        assertEquals(modified - 60_000, Files.getLastModifiedTime(card).toMillis(), "an unchanged card is not rewritten");
    }

    @Test
    void theDataFilesGlobsMatchExactlyTheFilesABuildWrites() throws Exception {
        Datasets.write(root, episodes()); // a real build: ShardWriter and DatasetCommitter
        assertGlobsMatchTheManifests(2);

        Path framed = Files.createTempDirectory(root.getParent(), "framed-");
        FramesDatasets.write(framed, episodes());
        root = framed;
        assertGlobsMatchTheManifests(3);
    }

    private void assertGlobsMatchTheManifests(int configs) throws Exception {
        JsonNode header = header(Files.readString(root.resolve(DatasetCard.FILE)));
        assertEquals(configs, header.get("configs").size());
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> all.add(root.relativize(f).toString().replace('\\', '/')));
        }
        Store store = Store.local(root);
        for (JsonNode c : header.get("configs")) {
            String table = c.get("config_name").asText();
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + c.get("data_files").get(0).get("path").asText());
            Set<String> matched = new TreeSet<>(all.stream().filter(f -> glob.matches(Path.of(f))).toList());
            Set<String> named = new TreeSet<>();
            for (String p : RebuildBase.partitions(store)) {
                new PartitionLog(store, p, Duration.ZERO).current().manifest().files().stream()
                        .filter(f -> f.table().equals(table)).forEach(f -> named.add(p + "/" + f.path()));
            }
            assertFalse(named.isEmpty(), table);
            assertEquals(named, matched, table);
        }
    }

    @Test
    void theCardsDuckDbExampleJoinsStepsToTheirFrames() throws Exception {
        List<Episode> episodes = episodes();
        FramesDatasets.write(root, episodes);
        String card = Files.readString(root.resolve(DatasetCard.FILE));

        List<List<Object>> rows = runDuckDb(sql(card));

        List<List<Object>> expected = new ArrayList<>();
        episodes.stream().sorted(java.util.Comparator.comparing(Episode::episodeId)).forEach(e -> {
            for (int i = 0; i < e.steps().size(); i++) {
                if (i != 2) { // the pattern FramesDatasets writes: step 2 has no frame
                    expected.add(List.of(e.episodeId(), i, FramesDatasets.WIDTH, FramesDatasets.HEIGHT,
                            i < 2 ? 1 : 2, FramesDatasets.png(i < 2 ? 0 : 1).length));
                }
            }
        });
        assertEquals(expected, rows);
    }

    @Test
    void theCardHoldsNoValueOfAnyPerson() throws Exception {
        List<Episode> episodes = episodes();
        FramesDatasets.write(root, episodes);
        String card = Files.readString(root.resolve(DatasetCard.FILE));
        for (Episode e : episodes) {
            assertFalse(card.contains(e.user()), "a user pseudonym");
            assertFalse(card.contains(e.device()), "a device pseudonym");
            assertFalse(card.contains(e.episodeId()), "an episode id");
        }
        for (String typed : List.of("ana@example.com", "hunter22", "Ship it", "Downloads", "crm")) {
            assertFalse(card.contains(typed), typed);
        }
    }

    // ---- helpers ----

    static JsonNode header(String card) throws Exception {
        assertTrue(card.startsWith("---\n"), "the card starts with its YAML header");
        int end = card.indexOf("\n---\n", 4);
        assertTrue(end > 0, "the YAML header ends with ---");
        return new YAMLMapper().readTree(card.substring(4, end + 1));
    }

    /** The card's first SQL block, as a reader would copy it. */
    static String sql(String card) {
        Matcher m = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL).matcher(card);
        assertTrue(m.find(), "the card has a DuckDB example");
        return m.group(1);
    }

    /** Runs statements one by one from the dataset root (the card says so); the last one's rows. */
    private List<List<Object>> runDuckDb(String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET file_search_path = '" + root.toAbsolutePath() + "'");
            List<String> statements = new ArrayList<>();
            for (String s : sql.replaceAll("(?m)--.*$", "").split(";\\s*\n")) {
                if (!s.isBlank()) {
                    statements.add(s.trim());
                }
            }
            for (int i = 0; i < statements.size() - 1; i++) {
                st.execute(statements.get(i));
            }
            try (ResultSet rs = st.executeQuery(statements.get(statements.size() - 1).replaceAll(";$", ""))) {
                while (rs.next()) {
                    rows.add(List.of(rs.getString("episode_id"), rs.getInt("step_index"), rs.getInt("width"),
                            rs.getInt("height"), rs.getInt("masks"), rs.getInt("image_bytes")));
                }
            }
        }
        return rows;
    }

    private static List<String> names(Schema s) {
        return s.getFields().stream().map(Schema.Field::name).toList();
    }

    private static List<String> featureNames(JsonNode features) {
        List<String> out = new ArrayList<>();
        features.forEach(f -> out.add(f.get("name").asText()));
        return out;
    }

    private static JsonNode feature(JsonNode features, String name) {
        for (JsonNode f : features) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name);
    }
}
