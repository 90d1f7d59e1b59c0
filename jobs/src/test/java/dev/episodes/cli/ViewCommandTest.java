package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.testing.Events;
import dev.episodes.testing.FramesDatasets;
import dev.episodes.testing.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `episodes view` as a command: what it writes where, and its one-line errors. */
class ViewCommandTest {
    @TempDir
    Path dir;

    private List<Episode> dataset() throws Exception {
        List<Episode> episodes = Timeline.run(Events.script().context(0, "Finder", "Downloads", "button", "Open", false)
                .click(100, 50, 60).click(2_000, 70, 80).click(4_000, 90, 100).click(6_000, 10, 10)
                .context(24 * 3600 * 1000L, "Finder", "Downloads", "button", "Open", false)
                .click(24 * 3600 * 1000L + 100, 50, 60).list()).episodes;
        FramesDatasets.write(dir.resolve("root"), episodes);
        return episodes;
    }

    private static void oneErrorLine(EpisodesCliTest.Run r, String start) {
        assertEquals(ExitCode.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: " + start), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void theOverviewAndItsSamplePagesAreWrittenBesideEachOther() throws Exception {
        List<Episode> episodes = dataset();
        Path out = dir.resolve("site").resolve("night.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", dir.resolve("root").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("2 partitions, 2 sample episode pages in " + dir.resolve("site")
                .resolve("night-episodes")), r.out());
        String html = Files.readString(out);
        for (Episode e : episodes) {
            String page = "night-episodes/episode-" + e.episodeId() + ".html";
            assertTrue(html.contains("href=\"" + page + "\""), page);
            String episodeHtml = Files.readString(out.resolveSibling(page));
            assertFalse(episodeHtml.contains(e.user()) || episodeHtml.contains(e.device()), "no pseudonym");
            assertFalse(html.contains(e.user()) || html.contains(e.device()), "no pseudonym");
        }
    }

    @Test
    void anUnpublishedPartitionIsCountedNotSampledAndNotShownAlone() throws Exception {
        dataset();
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("dt=2025-12-01").resolve("steps"));
        Path out = dir.resolve("o.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(": 3 partitions, 2 sample episode pages"), r.out());
        String html = Files.readString(out);
        assertTrue(html.contains("<td class=\"unpublished\">unpublished</td>"));
        assertTrue(html.contains("<li>1 no_manifest issue"), html);
        oneErrorLine(EpisodesCliTest.run("view", root.toString(), "--date", "2025-12-01", "--out", out.toString()),
                "dt=2025-12-01 of " + Store.local(root).uri() + " is not published");
    }

    @Test
    void oneDayAndNoSamples() throws Exception {
        dataset();
        Path out = dir.resolve("day.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", dir.resolve("root").toString(), "--date", "2025-11-30",
                "--sample", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String html = Files.readString(out);
        assertTrue(html.contains("dt=2025-11-30"));
        assertFalse(html.contains("2025-11-29"), "only that day");
        assertFalse(Files.exists(dir.resolve("day-episodes")));
    }

    @Test
    void anEpisodePageSaysWhatItWrote() throws Exception {
        List<Episode> episodes = dataset();
        Path out = dir.resolve("e.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", dir.resolve("root").toString(), "--episode",
                episodes.get(0).episodeId(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("wrote \\S+ \\([\\d,]+ bytes\\): episode \\S+, 4 steps, 2 frames\\n"), r.out());
        assertEquals(4, Files.readString(out).split("<section class=\"step", -1).length - 1);
    }

    @Test
    void errorsAreOneLine() throws Exception {
        dataset();
        String root = dir.resolve("root").toString();
        oneErrorLine(EpisodesCliTest.run("view", root, "--episode", "nope", "--out", dir.resolve("x.html").toString()),
                "no episode nope in");
        oneErrorLine(EpisodesCliTest.run("view", root, "--date", "2030-01-01"), "no partition dt=2030-01-01 in");
        oneErrorLine(EpisodesCliTest.run("view", root, "--date", "yesterday"), "--date must be a date");
        oneErrorLine(EpisodesCliTest.run("view", root, "--sample", "-1"), "--sample must be 0");
        oneErrorLine(EpisodesCliTest.run("view", dir.resolve("absent").toString()), "no dataset at");
        Path bare = dir.resolve("bare");
        Files.createDirectories(bare.resolve("dt=2025-11-29").resolve("steps"));
        oneErrorLine(EpisodesCliTest.run("view", bare.toString(), "--out", dir.resolve("y.html").toString()),
                bare + " has no published partition");
        try (Stream<Path> written = Files.list(dir)) {
            assertEquals(List.of(), written.filter(p -> p.toString().endsWith(".html")).toList(), "nothing written");
        }
        oneErrorLine(EpisodesCliTest.run("view", root, "--out", dir.resolve("root").resolve("_meta").resolve("info.json")
                .resolve("x.html").toString()), "cannot write");
    }

    @Test
    void anEpisodeAboveMaxStepsShowsItsFirstStepsAndSaysSoOnThePageAndOnStderr() throws Exception {
        List<Episode> episodes = dataset(); // the first episode has 4 steps
        String root = dir.resolve("root").toString();
        String id = episodes.get(0).episodeId();
        Path out = dir.resolve("cut.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root, "--episode", id, "--max-steps", "2", "--out",
                out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("has 4 steps; its page shows the first 2 (--max-steps 4 shows all)"), r.err());
        String html = Files.readString(out);
        assertEquals(2, html.split("<section class=\"step", -1).length - 1);
        assertTrue(html.contains("only the first 2 of 4 steps are shown"), html);
        assertTrue(html.contains("Step 1 of 2"), "numbered among the shown steps");

        r = EpisodesCliTest.run("view", root, "--episode", id, "--out", out.toString()); // 4 is below the default
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("", r.err());
        assertEquals(4, Files.readString(out).split("<section class=\"step", -1).length - 1);
        oneErrorLine(EpisodesCliTest.run("view", root, "--episode", id, "--max-steps", "0", "--out", out.toString()),
                "--max-steps must be 1 or more");
    }
}
