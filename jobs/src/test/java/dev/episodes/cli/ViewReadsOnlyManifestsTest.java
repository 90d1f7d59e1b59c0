package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.session.Episode;
import dev.episodes.testing.Events;
import dev.episodes.testing.FramesDatasets;
import dev.episodes.testing.Timeline;
import dev.episodes.writing.DatasetLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team: `view` reads through the manifests only, like inspect. Files a partition's manifest does not
 * name (a crashed run's leftovers, a file someone dropped in) must not reach a page: neither an episode
 * found only in them nor their counts.
 */
class ViewReadsOnlyManifestsTest {
    @TempDir
    Path dir;

    @Test
    void filesTheManifestDoesNotNameAreNeverRead() throws Exception {
        long apart = 10 * 60 * 1000L;
        List<Episode> both = Timeline.run(Events.script().context(0, "Finder", "Downloads", "button", "Open", false)
                .click(100, 50, 60).click(2_000, 70, 80)
                .context(apart, "Stray", "Not in the manifest", "button", "Open", false)
                .click(apart + 100, 5, 6).list()).episodes;
        assertEquals(2, both.size());
        Path full = dir.resolve("full");
        FramesDatasets.write(full, both);
        Path root = dir.resolve("root");
        FramesDatasets.write(root, List.of(both.get(0)));
        for (String table : List.of(DatasetLayout.STEPS, DatasetLayout.EPISODES, DatasetLayout.FRAMES)) {
            Files.copy(full.resolve("dt=2025-11-29").resolve(table).resolve(FramesDatasets.NAME),
                    root.resolve("dt=2025-11-29").resolve(table).resolve("part-stray-0.parquet"));
        }
        Episode stray = both.get(1);
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--episode", stray.episodeId(), "--out",
                dir.resolve("stray.html").toString());
        assertEquals(ExitCode.USAGE, r.code(), "an episode only in an unlisted file was shown: " + r.out() + r.err());
        assertTrue(r.err().startsWith("error: no episode"), r.err());
        Path out = dir.resolve("site").resolve("overview.html");
        r = EpisodesCliTest.run("view", root.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String html = Files.readString(out);
        assertFalse(html.contains("Stray") || html.contains(stray.episodeId()), "the unlisted files reached the overview");
    }
}
