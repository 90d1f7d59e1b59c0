package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedLinesTest {
    @Test
    void sortsInMemoryAndThroughSpilledRunsAlikeAndLeavesNoRunBehind(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            lines.add("{\"reason\":\"r" + random.nextInt(50) + "\",\"n\":" + random.nextInt() + ",\"é\":\"\\u00e9\"}");
        }
        lines.add(lines.get(17)); // duplicates stay
        Path in = dir.resolve("in.jsonl");
        Files.write(in, lines, StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>(lines);
        expected.sort(null);

        for (long budget : new long[] {SortedLines.BUFFER_CHARS, 4096, 20_000}) {
            Path out = dir.resolve("out-" + budget + ".jsonl");
            SortedLines.sort(in, out, budget);
            assertEquals(expected, Files.readAllLines(out, StandardCharsets.UTF_8), "budget " + budget);
        }
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "input and three outputs, no spilled run left");
        }
    }

    @Test
    void anEmptyFileStaysEmpty(@TempDir Path dir) throws Exception {
        Path in = Files.createFile(dir.resolve("in.jsonl"));
        SortedLines.sort(in, dir.resolve("out.jsonl"), 1);
        assertEquals(0, Files.size(dir.resolve("out.jsonl")));
    }
}
