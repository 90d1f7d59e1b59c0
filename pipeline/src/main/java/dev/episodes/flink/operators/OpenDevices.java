package dev.episodes.flink.operators;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * Devices with state on one instance of the keyed stage, counted per key group: keyed state moves between
 * instances by key group when a job is rescaled, so the counts move with it and every instance's gauge
 * stays exact (never negative) after a restore at another parallelism.
 */
final class OpenDevices {
    private final int maxParallelism;
    private final KeyGroupRange range;
    private final long[] byGroup;
    private long total;

    OpenDevices(int maxParallelism, int parallelism, int subtask) {
        this.maxParallelism = maxParallelism;
        this.range = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(maxParallelism, parallelism, subtask);
        this.byGroup = new long[range.getNumberOfKeyGroups()];
    }

    void add(String key, int delta) {
        int group = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
        byGroup[group - range.getStartKeyGroup()] += delta;
        total += delta;
    }

    /** An entry of a restored instance: kept if this instance owns its group now. */
    void restore(int group, long count) {
        if (range.contains(group)) {
            byGroup[group - range.getStartKeyGroup()] += count;
            total += count;
        }
    }

    long total() {
        return total;
    }

    /** The non-zero groups this instance owns, for the checkpoint. */
    List<Tuple2<Integer, Long>> entries() {
        List<Tuple2<Integer, Long>> out = new ArrayList<>();
        for (int i = 0; i < byGroup.length; i++) {
            if (byGroup[i] != 0) {
                out.add(Tuple2.of(range.getStartKeyGroup() + i, byGroup[i]));
            }
        }
        return out;
    }
}
