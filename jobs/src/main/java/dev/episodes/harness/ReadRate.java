package dev.episodes.harness;

import dev.episodes.flink.runs.Progress;
import java.time.Duration;

/**
 * The rate at which a job reads while it reads: from the first progress report that saw records to the
 * last one that saw more. Wall-clock rates also carry cluster start-up and, for a bounded streaming run,
 * the wait for the final checkpoint; this separates the two.
 */
final class ReadRate implements Progress {
    private long firstCount = -1;
    private Duration firstAt;
    private long lastCount;
    private Duration lastAt;

    @Override
    public synchronized void update(long recordsRead, Duration elapsed) {
        if (recordsRead <= 0) {
            return;
        }
        if (firstCount < 0) {
            firstCount = recordsRead;
            firstAt = elapsed;
        }
        if (recordsRead > lastCount) {
            lastCount = recordsRead;
            lastAt = elapsed;
        }
    }

    /** Records per second between the first and last reports that saw progress; 0 when too few. */
    synchronized double perSecond() {
        if (firstCount < 0 || lastAt == null || lastAt.compareTo(firstAt) <= 0) {
            return 0;
        }
        return (lastCount - firstCount) / (lastAt.minus(firstAt).toNanos() / 1e9);
    }
}
