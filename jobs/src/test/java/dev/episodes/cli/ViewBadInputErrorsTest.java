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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team: damaged datasets and odd arguments. Each must end in one {@code error:} line naming what is
 * wrong (and exit code 2, as docs/view.md says), never a stack trace, an exception's class name or a page
 * written from half the data.
 */
class ViewBadInputErrorsTest {
    @TempDir
    Path dir;

    Path root;
    Episode first;

    void dataset() throws Exception {
        List<Episode> episodes = Timeline.run(Events.script().context(0, "Finder", "Downloads", "button", "Open", false)
                .click(100, 50, 60).click(2_000, 70, 80).click(4_000, 90, 100).click(6_000, 10, 10).list()).episodes;
        root = dir.resolve("root");
        FramesDatasets.write(root, episodes);
        first = episodes.get(0);
    }

    Path partitionFile(String table) {
        return root.resolve("dt=2025-11-29").resolve(table).resolve(FramesDatasets.NAME);
    }

    static void clearError(EpisodesCliTest.Run r, String mentions) {
        String all = r.out() + r.err();
        assertEquals(ExitCode.USAGE, r.code(), all);
        assertTrue(r.err().startsWith("error: "), all);
        assertEquals(1, r.err().lines().count(), all);
        assertEquals(0, r.err().strip().chars().filter(c -> c < 0x20 || (c >= 0x7f && c < 0xa0)).count(),
                "control characters (a terminal escape) in the error line: " + r.err().strip().replace("\u0000",
                        "\\u0000").replace("\u001b", "\\e"));
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("--verbose"),
                "not a clear message: " + r.err());
        assertTrue(r.err().contains(mentions), "the error does not say " + mentions + ": " + r.err());
        System.out.println("[redteam] " + r.err().strip());
    }

    EpisodesCliTest.Run episode(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("view", root.toString(), "--episode", first.episodeId(),
                "--out", dir.resolve("page.html").toString()));
        args.addAll(List.of(more));
        return EpisodesCliTest.run(args.toArray(String[]::new));
    }

    @Test
    void aCorruptFramesFileIsOneClearLine() throws Exception {
        dataset();
        Path frames = partitionFile(DatasetLayout.FRAMES);
        byte[] b = Files.readAllBytes(frames);
        for (int i = 8; i < b.length - 8; i++) {
            b[i] = (byte) (b[i] ^ 0x5a); // magic and footer length stay: the pages inside are garbage
        }
        Files.write(frames, b);
        clearError(episode(), DatasetLayout.FRAMES);
    }

    @Test
    void aTruncatedStepsFileIsOneClearLine() throws Exception {
        dataset();
        Path steps = partitionFile(DatasetLayout.STEPS);
        byte[] b = Files.readAllBytes(steps);
        Files.write(steps, java.util.Arrays.copyOf(b, b.length / 2));
        clearError(episode(), DatasetLayout.STEPS);
    }

    @Test
    void aFramesFileTheManifestNamesButIsGoneIsOneClearLine() throws Exception {
        dataset();
        Files.delete(partitionFile(DatasetLayout.FRAMES));
        EpisodesCliTest.Run r = episode();
        // either the page says the frames are missing, or one clear line
        if (r.code() != 0) {
            clearError(r, DatasetLayout.FRAMES);
        }
    }

    @Test
    void outIsAnExistingFolder() throws Exception {
        dataset();
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--episode", first.episodeId(), "--out",
                folder.toString());
        clearError(r, "cannot write");
    }

    @Test
    void emptyBlankAndControlCharacterEpisodeIds() throws Exception {
        dataset();
        for (String id : new String[] {"", "   ", "../../x", "x\u0000y", "\u001b]0;owned\u0007\u001b[2J"}) {
            EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--episode", id, "--out",
                    dir.resolve("e.html").toString());
            clearError(r, "episode");
        }
        try (Stream<Path> written = Files.list(dir)) {
            assertEquals(List.of(), written.filter(p -> p.toString().endsWith(".html")).toList(), "nothing written");
        }
    }

    @Test
    void rootIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dataset.txt"), "x");
        clearError(EpisodesCliTest.run("view", file.toString(), "--out", dir.resolve("o.html").toString()),
                file.toString());
    }

    @Test
    void aGarbageManifestIsOneClearLine() throws Exception {
        dataset();
        try (Stream<Path> files = Files.walk(root.resolve("dt=2025-11-29"))) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> p.toString().contains("_manifest")).toList()) {
                Files.writeString(p, "{\"partition\": [1, 2");
            }
        }
        EpisodesCliTest.Run r = episode();
        clearError(r, "manifest");
    }
}
