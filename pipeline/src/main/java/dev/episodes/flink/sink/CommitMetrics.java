package dev.episodes.flink.sink;

import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.PartitionLog;
import dev.episodes.writing.StagedShard;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * What the streaming committer published, as metrics of its operator: {@code episodesCommitted} and
 * {@code stepsCommitted} (rows a manifest now names; a retried commit that finds its shard already named
 * counts nothing), {@code commitAttemptsFailed} (publish attempts that threw; retried up to five times, then the
 * job fails), {@code commitLatencyMs} (a histogram of the last 500 publishes: the conditional manifest
 * write and its retries, where a slow or contended store shows) and {@code lastCommitLatencyMs}.
 */
final class CommitMetrics {
    static final String EPISODES = "episodesCommitted";
    static final String STEPS = "stepsCommitted";
    static final String FAILED = "commitAttemptsFailed";
    static final String LATENCY = "commitLatencyMs";
    static final String LAST_LATENCY = "lastCommitLatencyMs";
    private static final int LATENCY_WINDOW = 500;

    private final Counter episodes;
    private final Counter steps;
    private final Counter failed;
    private final DescriptiveStatisticsHistogram latency;
    private volatile long lastLatencyMs;

    CommitMetrics(MetricGroup group) {
        episodes = group.counter(EPISODES);
        steps = group.counter(STEPS);
        failed = group.counter(FAILED);
        group.meter("stepsCommittedPerSecond", new MeterView(steps));
        latency = group.histogram(LATENCY, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        group.gauge(LAST_LATENCY, () -> lastLatencyMs);
    }

    void committed(StagedShard shard, PartitionLog.Outcome outcome, long nanos) {
        long ms = nanos / 1_000_000;
        lastLatencyMs = ms;
        latency.update(ms);
        if (!outcome.committed()) {
            return; // already named by a manifest: a retried commit after a restore
        }
        for (Manifest.FileEntry f : shard.files()) {
            if (f.table().equals(DatasetLayout.STEPS)) {
                steps.inc(f.rowCount());
            } else if (f.table().equals(DatasetLayout.EPISODES)) {
                episodes.inc(f.rowCount());
            }
        }
    }

    void failed() {
        failed.inc();
    }
}
