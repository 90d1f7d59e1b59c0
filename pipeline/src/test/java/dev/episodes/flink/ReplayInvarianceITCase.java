package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.StepRows;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output is a function of the events, not of their delivery: re-ordering within the contract's
 * 10 s and 5% duplicates change nothing, and two runs on one input agree row for row.
 */
class ReplayInvarianceITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private record Delivery(long atUs, int order, String line) {}

    @Test
    void reorderingWithinTenSecondsAndDuplicatesGiveTheSameSteps(@TempDir Path dir) throws Exception {
        Path clean = dir.resolve("clean.jsonl");
        Corpus.write(clean, GeneratorSettings.of(5, Duration.ofMinutes(15), 23).withDuplicateRate(0));
        Path shuffled = dir.resolve("shuffled.jsonl");
        long duplicates = reorder(clean, shuffled, new Random(5), 0.05);

        List<String> expected = StepRows.of(replay(clean, dir.resolve("a"), 2));
        RunSummary s = replayRun(shuffled, dir.resolve("b"), 2);
        assertEquals(duplicates, s.duplicates());
        assertEquals(0, s.deadLetterTotal(), "nothing within the contract's disorder is late");
        assertTrue(expected.size() > 500);
        assertEquals(expected, StepRows.of(dir.resolve("b")));
    }

    @Test
    void twoRunsOnOneInputGiveIdenticalRowsAndEpisodeIds(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.jsonl");
        Corpus.write(input, GeneratorSettings.of(4, Duration.ofMinutes(10), 99).withMalformedRate(0.01));
        List<String> first = StepRows.of(replay(input, dir.resolve("one"), 2));
        List<String> second = StepRows.of(replay(input, dir.resolve("two"), 1));
        assertEquals(first, second);
        List<String> rerun = StepRows.of(replay(input, dir.resolve("one"), 2));
        assertEquals(first, rerun, "a rerun into the same root replaces its partitions whole");
    }

    private static RunSummary replayRun(Path input, Path out, int parallelism) throws Exception {
        return new ArchiveReplay(input, out, PipelineConfig.defaults().withParallelism(parallelism),
                TestKey.KEY).run(Flink.env(), Progress.NONE);
    }

    private static Path replay(Path input, Path out, int parallelism) throws Exception {
        assertTrue(replayRun(input, out, parallelism).accountedFor());
        return out;
    }

    /** Delivers each line up to 4.5 s after its event time, some twice up to 4.5 s later still. */
    static long reorder(Path in, Path out, Random rnd, double duplicateRate) throws Exception {
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(0, Long.MAX_VALUE));
        List<Delivery> deliveries = new ArrayList<>();
        long duplicates = 0;
        int order = 0;
        for (String line : Files.readAllLines(in)) {
            long ts = ((DecodeResult.Decoded) decoder.decode(line)).event().tsUs();
            long at = ts + (long) (rnd.nextDouble() * 4_500_000);
            deliveries.add(new Delivery(at, order++, line));
            if (rnd.nextDouble() < duplicateRate) {
                deliveries.add(new Delivery(at + (long) (rnd.nextDouble() * 4_500_000), order++, line));
                duplicates++;
            }
        }
        deliveries.sort(Comparator.comparingLong(Delivery::atUs).thenComparingInt(Delivery::order));
        Files.write(out, deliveries.stream().map(Delivery::line).toList());
        return duplicates;
    }
}
