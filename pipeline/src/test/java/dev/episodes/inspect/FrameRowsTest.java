package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.frames.MaskKinds;
import dev.episodes.session.Episode;
import dev.episodes.testing.Events;
import dev.episodes.testing.FramesDatasets;
import dev.episodes.testing.Timeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An episode's frames in full (bytes and masks) through the manifest, for pages that show them. */
class FrameRowsTest {
    @TempDir
    Path root;

    @Test
    void theFramesOfAnEpisodeWithTheirBytesAndMasks() throws Exception {
        List<Episode> episodes = Timeline.run(Events.script().context(0, "Finder", "Downloads", "button", "Open", false)
                .click(100, 50, 60).click(2_000, 70, 80).click(4_000, 90, 100).click(6_000, 10, 10).list()).episodes;
        FramesDatasets.write(root, episodes);
        DatasetInspector d = DatasetInspector.open(root);
        String id = episodes.get(0).episodeId();
        EpisodeTimeline t = d.episode(id, null);
        Map<String, FrameRow> frames = d.frameRows(t);
        assertEquals(t.frames().keySet(), frames.keySet(), "the same frames as the timeline's summaries");
        FrameRow a = frames.get(FramesDatasets.frameId(id, 0));
        assertArrayEquals(FramesDatasets.png(0), a.image());
        assertEquals(List.of(new FrameRow.Mask(4, 4, 20, 8, MaskKinds.SECURE_FIELD)), a.masks());
        FrameRow b = frames.get(FramesDatasets.frameId(id, 1));
        assertEquals(List.of(MaskKinds.TYPED_SECRET, MaskKinds.SCOPE_REGION),
                b.masks().stream().map(FrameRow.Mask::kind).toList());
        assertEquals(FramesDatasets.WIDTH, b.width());
    }

    @Test
    void noneWhenNoStepNamesAFrame() throws Exception {
        List<Episode> episodes = Timeline.run(Events.script().context(0, "Finder", "Downloads", "button", "Open", false)
                .click(100, 50, 60).list()).episodes;
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        hooks.steps = rows -> rows.forEach(r -> r.setFrameId(null));
        hooks.frames = List::clear;
        FramesDatasets.write(root, episodes, hooks);
        DatasetInspector d = DatasetInspector.open(root);
        assertEquals(Map.of(), d.frameRows(d.episode(episodes.get(0).episodeId(), null)));
    }
}
