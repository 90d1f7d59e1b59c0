package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.episodes.session.Episode;
import dev.episodes.testing.Events;
import dev.episodes.testing.FramesDatasets;
import dev.episodes.testing.Timeline;
import dev.episodes.writing.DatasetLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team: the overview is "aggregates only: nothing per person", and episode pages carry no pseudonym.
 * What reaches them from {@code _private/} (dead letters: only the reason is read, but the reason is
 * whatever string the file holds), from file names there, and from the episode rows.
 */
class ViewOverviewPrivacyTest {
    @TempDir
    Path dir;

    @Test
    void nothingFromPrivateFilesButKnownReasonsReachesTheOverview() throws Exception {
        List<Episode> episodes = Timeline.run(Events.script().context(0, "Finder", "Downloads", "button", "Open", false)
                .click(100, 50, 60).click(2_000, 70, 80).list()).episodes;
        Path root = dir.resolve("root");
        FramesDatasets.write(root, episodes);
        Episode e = episodes.get(0);
        Path rejected = Files.createDirectories(root.resolve(DatasetLayout.REJECTED));
        // a file named for a device (as a per-device writer might), a reason holding the raw user id and one
        // holding the pseudonym (an older build, a hand-edited file, a recorder that sets "reason" itself)
        Files.writeString(rejected.resolve("part-" + e.device() + "-0.jsonl"),
                "{\"reason\":\"malformed_json\",\"user_id\":\"" + Events.USER + "\"}\n"
                        + "{\"reason\":\"bad event from " + Events.USER + "\"}\n"
                        + "{\"reason\":\"" + e.user() + "\"}\n"
                        + "{\"reason\":{\"user\":\"" + Events.USER + "\"}}\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("site").resolve("overview.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String html = Files.readString(out);
        List<String> leaked = new java.util.ArrayList<>();
        if (html.contains(e.device())) {
            leaked.add("the device's pseudonym (a _private/ file name)");
        }
        if (html.contains(e.user())) {
            leaked.add("a person's pseudonym (a dead letter's reason)");
        }
        if (html.contains(Events.USER)) {
            leaked.add("a raw user id (a dead letter's reason)");
        }
        assertEquals(List.of(), leaked, "on the overview");
    }

    @Test
    void noPseudonymOnAnEpisodePageNorInItsFileName() throws Exception {
        List<Episode> episodes = Timeline.run(Events.script().context(0, "Finder", "Downloads", "button", "Open", false)
                .click(100, 50, 60).click(2_000, 70, 80).list()).episodes;
        Path root = dir.resolve("root");
        FramesDatasets.write(root, episodes);
        Path out = dir.resolve("site").resolve("overview.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        try (Stream<Path> pages = Files.walk(dir.resolve("site"))) {
            for (Path p : pages.filter(Files::isRegularFile).toList()) {
                String html = Files.readString(p);
                for (Episode e : episodes) {
                    for (String id : List.of(e.user(), e.device(), Events.USER, Events.DEVICE)) {
                        assertFalse(html.contains(id), p + " holds " + id);
                        assertFalse(p.getFileName().toString().contains(id), p + " is named for " + id);
                    }
                }
            }
        }
    }
}
