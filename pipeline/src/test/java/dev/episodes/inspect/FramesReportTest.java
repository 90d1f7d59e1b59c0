package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.session.Episode;
import dev.episodes.testing.FramesDatasets;
import dev.episodes.writing.Json;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What inspect says about frames: a timeline names each step's frame; partitions and the overview count them. */
class FramesReportTest {
    @TempDir
    Path root;

    @Test
    void aTimelineNamesEachStepsFrameWithItsMasksByKind() throws Exception {
        List<Episode> episodes = Fixture.episodes();
        FramesDatasets.write(root, episodes);
        Episode first = episodes.get(0);
        EpisodeTimeline t = DatasetInspector.open(root).episode(first.episodeId(), null);

        String a = FramesDatasets.frameId(first.episodeId(), 0);
        String b = FramesDatasets.frameId(first.episodeId(), 1);
        assertEquals(List.of(a, b).stream().sorted().toList(), List.copyOf(t.frames().keySet()));
        assertEquals(Map.of("secure_field", 1L), t.frames().get(a).masksByKind());
        assertEquals(Map.of("scope_region", 1L, "typed_secret", 1L), t.frames().get(b).masksByKind());
        assertEquals(a, t.steps().get(0).frameId());
        assertEquals(null, t.steps().get(2).frameId());
        assertEquals(List.of(), t.issues());

        String text = TimelineText.render(t, 160);
        int steps = first.steps().size();
        assertTrue(text.contains("frames     2 distinct on " + (steps - 1) + " of " + steps
                + " steps; masks scope_region 1, secure_field 1, typed_secret 1\n"), text);
        List<String> lines = text.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.matches(" *#.* frame *")).findFirst().orElseThrow());
        assertTrue(lines.get(header + 1).endsWith(a.substring(0, 8) + " secure_field 1"), lines.get(header + 1));
        assertTrue(lines.get(header + 3).endsWith(" -"), "step 2 has no frame: " + lines.get(header + 3));
        assertTrue(lines.get(header + 4).endsWith(b.substring(0, 8) + " scope_region 1, typed_secret 1"),
                lines.get(header + 4));
        assertFalse(text.contains(a.substring(0, 9)), "frame ids are cut to 8 characters");
        for (int width : new int[] {80, 100}) {
            TimelineText.render(t, width).lines().forEach(l -> assertTrue(l.length() <= width, l));
        }
    }

    @Test
    void aStepWhoseFrameIsNotThereSaysSo() throws Exception {
        List<Episode> episodes = Fixture.episodes();
        String a = FramesDatasets.frameId(episodes.get(0).episodeId(), 0);
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        hooks.frames = rows -> rows.removeIf(f -> f.getFrameId().toString().equals(a));
        FramesDatasets.write(root, episodes, hooks);
        EpisodeTimeline t = DatasetInspector.open(root).episode(episodes.get(0).episodeId(), null);
        assertEquals(List.of("2 steps name frames the partition's frames files do not hold"), t.issues());
        String text = TimelineText.render(t, 200);
        assertTrue(text.contains(a.substring(0, 8) + " not in the frames files"), text);
    }

    @Test
    void withoutFramesTheTimelineHasNoFrameColumn(@TempDir Path plain) throws Exception {
        List<Episode> episodes = Fixture.write(plain);
        String text = TimelineText.render(DatasetInspector.open(plain).episode(episodes.get(0).episodeId(), null), 160);
        assertFalse(text.contains("frames     "), text);
        assertFalse(text.lines().anyMatch(l -> l.matches(" *#.* frame *")), text);
    }

    @Test
    void partitionsAndTheOverviewCountFramesStoredAndFailedByReason() throws Exception {
        FramesDatasets.write(root, Fixture.episodes());
        DatasetInspector d = DatasetInspector.open(root);

        PartitionDetail day = d.partition(LocalDate.parse(Fixture.DAY_ONE), 10, false);
        assertEquals(2, day.summary().frames());
        assertEquals(Map.of("missing", 2L, "timeout", 1L), day.summary().framesFailed());
        String text = PartitionText.render(day, 160);
        assertTrue(text.contains("frames     2 stored; 3 steps without one: missing 2, timeout 1\n"), text);
        assertTrue(text.contains("frames/" + FramesDatasets.NAME), "the frames file is listed: " + text);

        DatasetOverview o = d.overview(false);
        assertEquals(3, o.totals().frames(), "two on day one, one on day two (a one-step episode)");
        assertEquals(Map.of("missing", 4L, "timeout", 2L), o.totals().framesFailed());
        String overview = OverviewText.render(o, 160);
        assertTrue(overview.contains("frames     3 stored; 6 steps without one: missing 4, timeout 2\n"), overview);
        List<String> lines = overview.lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("date")).findFirst().orElseThrow();
        assertTrue(header.matches(".*redacted +frames.*"), header);
        String dayOne = lines.stream().filter(l -> l.startsWith(Fixture.DAY_ONE)).findFirst().orElseThrow();
        assertTrue(dayOne.matches(".* 2( .*)?"), dayOne);

        JsonNode json = Json.MAPPER.readTree(JsonReport.of(o));
        assertEquals(3, json.path("totals").path("frames").asLong());
        assertEquals(4, json.path("totals").path("frames_failed").path("missing").asLong());
        assertEquals(2, json.path("partitions").get(0).path("frames").asLong());
    }

    @Test
    void aDatasetWithoutFramesSaysNothingOfThem(@TempDir Path plain) throws Exception {
        Fixture.write(plain);
        DatasetInspector d = DatasetInspector.open(plain);
        String overview = OverviewText.render(d.overview(false), 160);
        assertFalse(overview.contains("frames"), overview);
        assertFalse(PartitionText.render(d.partition(LocalDate.parse(Fixture.DAY_ONE), 10, false), 160)
                .contains("frames     "));
    }
}
