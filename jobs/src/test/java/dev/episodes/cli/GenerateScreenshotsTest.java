package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --screenshots DIR}: painted PNGs referenced by file:// URIs, never inside a dataset. */
class GenerateScreenshotsTest {

    @Test
    void paintsEveryContextEventsScreenshotIntoTheFolder(@TempDir Path dir) throws Exception {
        Path shots = dir.resolve("screens with spaces");
        EpisodesCliTest.Run r = EpisodesCliTest.run("generate", "--people", "1", "--minutes", "2", "--seed", "5",
                "--out", dir.resolve("a.jsonl").toString(), "--screenshots", shots.toString());
        assertEquals(0, r.code(), r.err());
        String events = Files.readString(dir.resolve("a.jsonl"));
        Matcher m = Pattern.compile("\"screenshot_ref\":\"([^\"]*)\"").matcher(events);
        int refs = 0;
        while (m.find()) {
            Path file = Path.of(URI.create(m.group(1)));
            assertTrue(file.startsWith(shots) && Files.size(file) > 0, m.group(1));
            refs++;
        }
        assertTrue(refs > 3);
        assertTrue(Files.isRegularFile(shots.resolve("truth.jsonl")));
        assertFalse(events.contains("s3://frames/"));
    }

    @Test
    void refusesAFolderInsideADataset(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ds").resolve("_meta"));
        Files.writeString(dir.resolve("ds").resolve("_meta").resolve("info.json"), "{}");
        EpisodesCliTest.Run r = EpisodesCliTest.run("generate", "--people", "1", "--minutes", "1", "--out",
                dir.resolve("a.jsonl").toString(), "--screenshots", dir.resolve("ds").resolve("shots").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("never go under a dataset root"), r.err());
    }
}
