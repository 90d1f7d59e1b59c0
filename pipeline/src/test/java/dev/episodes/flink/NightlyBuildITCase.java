package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.NightlyBuild;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.StepRows;
import dev.episodes.window.BuildWindow;
import dev.episodes.writing.Json;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly build from archives: days that split a night's activity at midnight add up to the whole
 * replay with no episode in two days; a rebuild is byte-identical; a failed build leaves the old
 * partition as it was; late data is picked up by a rebuild; a backfill resumes.
 */
class NightlyBuildITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final LocalDate DAY1 = LocalDate.parse("2026-11-27");
    static final LocalDate DAY2 = LocalDate.parse("2026-11-28");

    @TempDir
    static Path dir;
    static Path input;
    static List<String> wholeReplay;

    @BeforeAll
    static void corpusAcrossMidnight() throws Exception {
        input = dir.resolve("input");
        Files.createDirectories(input);
        Corpus.write(input.resolve("a.jsonl"), new GeneratorSettings(5, Duration.ofMinutes(80), 41,
                Instant.parse("2026-11-27T23:20:00Z"), 0.02, 0.0, Duration.ofSeconds(3)));
        Path reference = dir.resolve("reference");
        assertTrue(new ArchiveReplay(input, reference, config(), key()).run(Flink.env(), Progress.NONE).accountedFor());
        wholeReplay = StepRows.of(reference);
        assertTrue(Files.isDirectory(reference.resolve("dt=" + DAY1)) && Files.isDirectory(reference.resolve("dt=" + DAY2)),
                "the corpus crosses midnight");
    }

    static PipelineConfig config() {
        return PipelineConfig.defaults().withParallelism(2);
    }

    static PseudonymKey key() throws Exception {
        return TestKey.KEY;
    }

    static BuildWindow day(LocalDate d) {
        return BuildWindow.day(d, Duration.ofHours(12), Duration.ofMinutes(31));
    }

    static NightlyBuild nightly(Path root, Path in) {
        return new NightlyBuild(root, d -> new ArchiveReplay(in, root, config(), key()).within(day(d)), Flink::env);
    }

    @Test
    void daysAddUpToTheWholeReplayWithNoEpisodeInTwoDays() throws Exception {
        Path root = dir.resolve("days");
        var results = nightly(root, input).run(DAY1, DAY2, false, Progress.NONE, s -> {});
        assertEquals(2, results.size());
        assertEquals(wholeReplay, StepRows.of(root),
                "same rows and episode ids as one replay of everything: episodes crossing midnight are whole, once");
        for (LocalDate d : List.of(DAY1, DAY2)) {
            Path p = root.resolve("dt=" + d);
            assertTrue(Files.exists(p.resolve("_SUCCESS")));
            JsonNode m = Json.MAPPER.readTree(p.resolve("_manifest.json").toFile());
            assertTrue(m.get("stats").get("episode_steps").get("max").asDouble() > 0);
            assertTrue(m.get("stats").get("episodes_by_split").size() >= 1);
            assertEquals(d.toString(), m.get("input").get("from").asText().substring(0, 10));
        }
        // The training team's loader: every partition at once, no configuration; a person is in one split.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = c.createStatement().executeQuery("select count(*), count(distinct episode_id), "
                        + "max(splits) from (select episode_id, count(distinct split) over (partition by \"user\") "
                        + "as splits from read_parquet('" + root + "/dt=*/steps/*.parquet'))")) {
            assertTrue(rs.next());
            assertEquals(wholeReplay.size(), rs.getLong(1));
            assertEquals(1, rs.getLong(3), "nobody is in two splits");
        }

        // A backfill of the same range resumes: both days are done, nothing is rebuilt.
        var again = nightly(root, input).run(DAY1, DAY2, false, Progress.NONE, s -> {});
        assertTrue(again.stream().allMatch(NightlyBuild.DayResult::skipped));
    }

    @Test
    void aRebuildIsByteIdenticalAndAnEmptyDayStillGetsItsPartition() throws Exception {
        Path root = dir.resolve("twice");
        nightly(root, input).run(DAY2, DAY2, false, Progress.NONE, s -> {});
        Map<String, String> first = snapshot(root);
        nightly(root, input).run(DAY2, DAY2, false, Progress.NONE, s -> {});
        assertEquals(first, snapshot(root), "same files, same bytes, same manifest");

        nightly(root, input).run(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-20"), false, Progress.NONE, s -> {});
        JsonNode empty = Json.MAPPER.readTree(root.resolve("dt=2026-11-20/_manifest.json").toFile());
        assertEquals(0, empty.get("totals").get("episodes").asLong());
        assertTrue(Files.exists(root.resolve("dt=2026-11-20/_SUCCESS")));
    }

    static final AtomicLong SEEN = new AtomicLong();

    @Test
    void aFailedBuildLeavesTheOldPartitionAndARerunSucceeds() throws Exception {
        Path root = dir.resolve("failure");
        nightly(root, input).run(DAY2, DAY2, false, Progress.NONE, s -> {});
        Map<String, String> before = snapshot(root);
        SEEN.set(0);
        NightlyBuild failing = new NightlyBuild(root, d -> new ArchiveReplay(input, root, config(), key()).within(day(d))
                .withTap(events -> events.map((MapFunction<RawEvent, RawEvent>) e -> {
                    if (SEEN.incrementAndGet() > 20_000) {
                        throw new IllegalStateException("injected failure half-way");
                    }
                    return e;
                }, PipelineTypes.RAW_EVENT).name("fault")), Flink::env);
        assertThrows(Exception.class, () -> failing.run(DAY2, DAY2, false, Progress.NONE, s -> {}));
        assertTrue(SEEN.get() > 20_000, "the build failed part-way");
        assertEquals(before, snapshot(root), "the published partition is untouched");

        nightly(root, input).run(DAY2, DAY2, false, Progress.NONE, s -> {});
        assertEquals(before, snapshot(root));
        assertFalse(Files.exists(root.resolve("_staging")), "no leftovers after the rerun");
    }

    @Test
    void lateDataIsPickedUpByARebuild() throws Exception {
        Path in = dir.resolve("late-input");
        Files.createDirectories(in);
        Files.copy(input.resolve("a.jsonl"), in.resolve("a.jsonl"));
        Path root = dir.resolve("late");
        nightly(root, in).run(DAY2, DAY2, false, Progress.NONE, s -> {});
        long before = Json.MAPPER.readTree(root.resolve("dt=" + DAY2 + "/_manifest.json").toFile())
                .get("totals").get("episodes").asLong();
        Corpus.write(in.resolve("b-late.jsonl"), new GeneratorSettings(1, Duration.ofMinutes(20), 97,
                Instant.parse("2026-11-28T10:00:00Z"), 0.0, 0.0, Duration.ofSeconds(1)));
        nightly(root, in).run(DAY2, DAY2, false, Progress.NONE, s -> {});
        long after = Json.MAPPER.readTree(root.resolve("dt=" + DAY2 + "/_manifest.json").toFile())
                .get("totals").get("episodes").asLong();
        assertTrue(after > before, "episodes " + before + " -> " + after);
    }

    /** Every file under the partitions with its SHA-256 (manifests included). */
    static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> root.relativize(f).toString().startsWith("dt=")).toList()) {
                out.put(root.relativize(f).toString(), sha(f));
            }
        }
        return out;
    }

    static String sha(Path f) throws Exception {
        var md = java.security.MessageDigest.getInstance("SHA-256");
        return java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(f)));
    }
}
