package dev.episodes.flink.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.testing.SampleEpisodes;
import dev.episodes.writing.DatasetLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build writer stages its shards at end of input, and refuses to resume from a checkpoint. */
class ShardBuildOperatorTest {

    @Test
    void stagesShardsAtEndOfInputAndReportsHowMany(@TempDir Path root) throws Exception {
        List<Episode> episodes = SampleEpisodes.of(GeneratorSettings.of(2, Duration.ofMinutes(10), 4));
        try (var h = new OneInputStreamOperatorTestHarness<>(new ShardBuildOperator(root.toString(), "r1",
                OutputLayout.DEFAULT))) {
            h.open();
            for (Episode e : episodes) {
                h.processElement(e, 0L);
            }
            assertTrue(h.extractOutputValues().isEmpty(), "nothing before the end of input");
            h.endInput();
            assertEquals(List.of(1L), h.extractOutputValues(), "one shard for one small day");
        }
        try (Stream<Path> staged = Files.walk(DatasetLayout.staging(root, "r1"))) {
            assertTrue(staged.anyMatch(p -> p.toString().endsWith(".parquet")));
        }
    }

    @Test
    void refusesToResumeFromACheckpoint(@TempDir Path root) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = new OneInputStreamOperatorTestHarness<>(new ShardBuildOperator(root.toString(), "r2",
                OutputLayout.DEFAULT))) {
            h.open();
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = new OneInputStreamOperatorTestHarness<>(new ShardBuildOperator(root.toString(), "r2",
                OutputLayout.DEFAULT))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.initializeState(snapshot));
            assertTrue(e.getMessage().contains("rerun"), e.getMessage());
        }
    }
}
