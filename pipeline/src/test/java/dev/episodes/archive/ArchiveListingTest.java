package dev.episodes.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveListingTest {
    @TempDir
    Path dir;

    private void touch(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "{}\n");
    }

    @Test
    void aFolderIsReadRecursivelyWithRelativeNamesAndEverythingSkippedIsReported() throws IOException {
        for (String n : List.of("b.jsonl.gz", "a.jsonl", "_u.jsonl", "sub/x.jsonl", "sub/deeper/y.jsonl",
                "old.json", "notes.txt", ".partial.jsonl", ".cache/z.jsonl", "sub/.hidden.jsonl.gz")) {
            touch(n);
        }
        ArchiveListing l = ArchiveListing.of(dir);
        assertEquals(List.of("_u.jsonl", "a.jsonl", "b.jsonl.gz", "sub/deeper/y.jsonl", "sub/x.jsonl"), l.names());
        assertEquals(dir.resolve("sub/x.jsonl"), l.files().get(4));
        assertEquals(Map.of("hidden", List.of(".partial.jsonl", "sub/.hidden.jsonl.gz"),
                "hidden folder", List.of(".cache/"),
                "not named .jsonl or .jsonl.gz", List.of("notes.txt", "old.json")), l.skipped());
        assertEquals(5, l.skippedCount());
        String report = l.report();
        assertTrue(report.startsWith("skipped 5 entries under " + dir + ": "), report);
        assertTrue(report.contains("2 hidden (.partial.jsonl, sub/.hidden.jsonl.gz)"), report);
        assertTrue(report.contains("1 hidden folder (.cache/)"), report);
        assertTrue(report.contains("2 not named .jsonl or .jsonl.gz (notes.txt, old.json)"), report);
        assertTrue(report.contains(".json files are not read"), report);
    }

    @Test
    void aFewNamesPerReasonAreShown() throws IOException {
        touch("a.jsonl");
        for (int i = 0; i < 5; i++) {
            touch("n" + i + ".csv");
        }
        assertTrue(ArchiveListing.of(dir).report().contains("5 not named .jsonl or .jsonl.gz (n0.csv, n1.csv, n2.csv, ...)"));
    }

    @Test
    void nothingSkippedSaysNothing() throws IOException {
        touch("a.jsonl");
        assertEquals("", ArchiveListing.of(dir).report());
    }

    @Test
    void aFolderWithoutArchivesSaysWhatItHas() throws IOException {
        touch("export.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArchiveListing.of(dir));
        assertTrue(e.getMessage().startsWith("no .jsonl or .jsonl.gz files under " + dir), e.getMessage());
        assertTrue(e.getMessage().contains("export.json") && e.getMessage().contains("rename"), e.getMessage());
    }

    @Test
    void aFileInputMustBeAnArchive() throws IOException {
        touch("one.jsonl");
        touch("one.json");
        ArchiveListing l = ArchiveListing.of(dir.resolve("one.jsonl"));
        assertEquals(List.of("one.jsonl"), l.names());
        assertThrows(IllegalArgumentException.class, () -> ArchiveListing.of(dir.resolve("one.json")));
        assertThrows(IllegalArgumentException.class, () -> ArchiveListing.of(dir.resolve("none.jsonl")));
    }

    @Test
    void unreadableFilesAreListedAsSuch() throws IOException {
        touch("a.jsonl");
        touch("locked.jsonl");
        Path locked = dir.resolve("locked.jsonl");
        assertTrue(locked.toFile().setReadable(false, false));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "running as root");
            assertEquals(List.of("locked.jsonl"), ArchiveListing.of(dir).unreadable());
        } finally {
            locked.toFile().setReadable(true, false);
        }
    }
}
