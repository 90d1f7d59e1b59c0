package dev.episodes.flink.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out archive files in path order. Replay reads one file after another so event time moves
 * forward the way the export was cut (per hour, per day); Flink's default assigner has no order.
 */
public final class OrderedSplitAssigner implements FileSplitAssigner {
    private static final Comparator<FileSourceSplit> ORDER = Comparator
            .comparing((FileSourceSplit s) -> s.path().toString())
            .thenComparingLong(FileSourceSplit::offset);

    private final TreeSet<FileSourceSplit> splits = new TreeSet<>(ORDER);

    public OrderedSplitAssigner(Collection<FileSourceSplit> initial) {
        splits.addAll(initial);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.pollFirst());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> newSplits) {
        splits.addAll(newSplits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits);
    }
}
