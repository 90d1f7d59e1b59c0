package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.StepRows;
import dev.episodes.testing.TestKey;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay reads with one reader per subtask, each taking its stripe of every file: whatever the number of
 * readers, and however the export is cut into files (one line, none, gzip, an odd count), the dataset's
 * rows, episode ids, counts and dead letters are those of one reader.
 */
class ParallelReadersITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    @Test
    void anyNumberOfReadersGivesTheRowsAndCountsOfOne(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole.jsonl");
        Corpus.write(whole, GeneratorSettings.of(6, Duration.ofMinutes(12), 16).withMalformedRate(0.01));
        List<String> lines = Files.readAllLines(whole, StandardCharsets.UTF_8);
        int a = lines.size() * 3 / 10;
        int b = lines.size() * 7 / 10 + 1; // odd line counts per file
        Path cut = Files.createDirectories(dir.resolve("cut"));
        Files.write(cut.resolve("00.jsonl"), lines.subList(0, a));
        Files.write(cut.resolve("01.jsonl"), lines.subList(a, a + 1)); // fewer lines than readers
        Files.write(cut.resolve("02.jsonl"), new byte[0]);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(cut.resolve("03.jsonl.gz")))) {
            out.write((String.join("\n", lines.subList(a + 1, b)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(cut.resolve("04.jsonl"), String.join("\n", lines.subList(b, lines.size()))); // no last line end

        RunSummary one = replay(whole, dir.resolve("one"), 1);
        List<String> expected = StepRows.of(dir.resolve("one"));
        assertTrue(expected.size() > 500, "a corpus with something to compare");
        assertTrue(one.deadLetterTotal() > 0, "malformed lines become dead letters: " + one.deadLetters());
        for (int readers = 1; readers <= 3; readers++) {
            Path out = dir.resolve("cut-" + readers);
            RunSummary s = replay(cut, out, readers);
            assertEquals(one.recordsRead(), s.recordsRead(), readers + " readers");
            assertEquals(one.duplicates(), s.duplicates(), readers + " readers");
            assertEquals(one.deadLetters(), s.deadLetters(), readers + " readers: nothing turns late");
            assertEquals(one.commit().episodes(), s.commit().episodes(), readers + " readers");
            assertEquals(expected, StepRows.of(out), readers + " readers: the same rows, in per-device order");
        }
    }

    private static RunSummary replay(Path input, Path out, int parallelism) throws Exception {
        RunSummary s = new ArchiveReplay(input, out, PipelineConfig.defaults().withParallelism(parallelism), TestKey.KEY)
                .run(Flink.env(), Progress.NONE);
        assertTrue(s.accountedFor(), s.toString());
        return s;
    }
}
