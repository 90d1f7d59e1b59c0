package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.Store;
import dev.episodes.writing.TestShards;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactCommandTest {
    @TempDir
    Path root;
    @TempDir
    Path work;

    private static String[] runOut(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        try {
            EpisodesCliTest.Run r = EpisodesCliTest.run(args);
            return new String[] {String.valueOf(r.code()), o.toString(StandardCharsets.UTF_8) + r.out(), r.err()};
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void compactMergesTheSmallFilesOfTheDaysGivenAndThenHasNothingToDo() throws Exception {
        TestShards.appendSlices(Store.local(root), work, 6);
        String day = TestShards.DAY.substring(3);
        String[] r = runOut("compact", root.toString(), "--from-date", day, "--to-date", day);
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains(TestShards.DAY + ": 6 files merged into 1 shards; 12 -> 2 data files"), r[1]);
        String[] again = runOut("compact", root.toString(), "--from-date", day, "--to-date", day);
        assertEquals("1", again[0], again[1]);
        assertEquals("0", runOut("inspect", root.toString(), "--verify")[0], "consistent after compaction");
        assertEquals("2", runOut("compact", root.toString(), "--from-date", day, "--to-date", "2026-11-01")[0]);
    }
}
