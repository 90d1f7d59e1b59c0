package dev.episodes.flink.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.testing.SampleEpisodes;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.StagedShard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build writer uploads its shards to their final names at end of input and reports them (named by
 * no manifest yet), and refuses to resume from a checkpoint.
 */
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
            List<String> out = h.extractOutputValues();
            assertEquals(1, out.size(), "one shard for one small day");
            StagedShard shard = BuildReport.parse(out.get(0)).shard();
            assertEquals("steps/part-r1-0.parquet", shard.stepsFile());
            for (String key : shard.keys()) {
                assertTrue(Files.exists(root.resolve(key)), key + " uploaded under its final name");
            }
            assertEquals(DatasetCommitter.sha256(root.resolve(shard.partition()).resolve(shard.stepsFile())),
                    shard.files().get(0).sha256());
        }
        assertFalse(Files.exists(root.resolve(DatasetLayout.STAGING)), "no staging folder under the root");
        try (Stream<Path> files = Files.walk(root)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp") || p.toString().contains("_spill")));
        }
        assertFalse(Files.exists(root.resolve("dt=" + DatasetLayout.dateOf(episodes.get(0).startTsUs()))
                .resolve(DatasetLayout.MANIFEST)), "nothing is published before the publisher commits");
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
