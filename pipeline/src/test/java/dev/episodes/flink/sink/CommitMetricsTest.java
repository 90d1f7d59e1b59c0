package dev.episodes.flink.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.testing.RecordedMetrics;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.PartitionLog;
import dev.episodes.writing.StagedShard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitMetricsTest {
    private static StagedShard shard(long steps, long episodes) {
        return new StagedShard("dt=2026-11-27", List.of(
                new Manifest.FileEntry("steps/part-1.parquet", DatasetLayout.STEPS, 100, steps, episodes, "a", List.of("u")),
                new Manifest.FileEntry("episodes/part-1.parquet", DatasetLayout.EPISODES, 50, episodes, episodes, "b",
                        List.of("u"))), null, Map.of("click", steps), Map.of());
    }

    @Test
    void countsWhatAManifestNowNamesNotARetriedCommitOfTheSameShard() {
        RecordedMetrics g = new RecordedMetrics();
        CommitMetrics m = new CommitMetrics(g);
        m.committed(shard(40, 3), new PartitionLog.Outcome(null, true, 1, List.of()), 12_000_000L);
        m.committed(shard(40, 3), new PartitionLog.Outcome(null, false, 1, List.of()), 2_000_000L); // already named
        m.committed(shard(7, 1), new PartitionLog.Outcome(null, true, 2, List.of()), 30_000_000L);
        m.failed();
        assertEquals(47, g.count(CommitMetrics.STEPS));
        assertEquals(4, g.count(CommitMetrics.EPISODES));
        assertEquals(1, g.count(CommitMetrics.FAILED));
        assertEquals(3, g.histogram(CommitMetrics.LATENCY).getCount(), "every publish's latency");
        assertEquals(30L, g.histogram(CommitMetrics.LATENCY).getStatistics().getMax());
        assertEquals(30L, g.gauge(CommitMetrics.LAST_LATENCY));
    }
}
