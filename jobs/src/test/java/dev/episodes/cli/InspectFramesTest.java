package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.RawEvent;
import dev.episodes.session.Episode;
import dev.episodes.testing.Events;
import dev.episodes.testing.FramesDatasets;
import dev.episodes.testing.Timeline;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `inspect --verify` of a dataset with frames: what it says it checked, and its exit code. */
class InspectFramesTest {
    @TempDir
    Path root;

    private static List<Episode> episodes() {
        List<RawEvent> events = Events.script().context(0, "Finder", "Downloads", "button", "Open", false)
                .click(100, 50, 60).click(2_000, 70, 80).click(4_000, 90, 100).click(6_000, 10, 10).list();
        return Timeline.run(events).episodes;
    }

    @Test
    void aSoundDatasetWithFramesVerifies() throws Exception {
        FramesDatasets.write(root, episodes());
        EpisodesCliTest.Run r = EpisodesCliTest.run("inspect", root.toString(), "--verify", "--width", "120");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("frames     2 stored; 3 steps without one: missing 2, timeout 1"), r.out());
        assertTrue(r.out().contains("verified: SHA-256 and size of 3 files"), r.out());
        assertTrue(r.out().contains(": all match\n"), r.out());
    }

    @Test
    void faultsInTheFramesRowsAreNotCountedAsFilesThatDoNotMatch() throws Exception {
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        hooks.frames = rows -> rows.remove(0);
        FramesDatasets.write(root, episodes(), hooks);
        EpisodesCliTest.Run r = EpisodesCliTest.run("inspect", root.toString(), "--verify", "--width", "160");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("missing_frame"), r.out());
        assertTrue(r.out().contains("2 steps name a frame_id no frames file of the partition holds"), r.out());
        assertTrue(r.out().contains("listed in the manifests: all match; their rows: 1 issue (listed above)\n"),
                r.out());
    }
}
