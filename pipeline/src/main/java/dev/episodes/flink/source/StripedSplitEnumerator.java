package dev.episodes.flink.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SupportsBatchSnapshot;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;

/**
 * Hands reader {@code i} stripe {@code i} of every archive file, files in path order. A reader must never
 * get two stripes of one file: its second would go back in event time, behind the watermark its first
 * made, and turn late. Flink's own enumerator asks an assigner that is not told which reader asks.
 */
final class StripedSplitEnumerator
        implements SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>>, SupportsBatchSnapshot {
    static final Comparator<FileSourceSplit> ORDER = Comparator
            .comparing((FileSourceSplit s) -> s.path().toString())
            .thenComparingInt(s -> Stripe.of(s).index());

    private final SplitEnumeratorContext<FileSourceSplit> context;
    private final TreeSet<FileSourceSplit> pending = new TreeSet<>(ORDER);

    StripedSplitEnumerator(SplitEnumeratorContext<FileSourceSplit> context, Collection<FileSourceSplit> splits) {
        this.context = context;
        pending.addAll(splits);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int reader, String hostname) {
        int readers = context.currentParallelism();
        for (Iterator<FileSourceSplit> it = pending.iterator(); it.hasNext(); ) {
            FileSourceSplit s = it.next();
            if (Stripe.of(s).index() % readers == reader) {
                it.remove();
                context.assignSplit(s, reader);
                return;
            }
        }
        context.signalNoMoreSplits(reader);
    }

    @Override
    public void addSplitsBack(List<FileSourceSplit> splits, int reader) {
        pending.addAll(splits); // a failed reader's: its restarted self asks for them again, in order
    }

    @Override
    public void addReader(int reader) {}

    @Override
    public PendingSplitsCheckpoint<FileSourceSplit> snapshotState(long checkpointId) {
        return PendingSplitsCheckpoint.fromCollectionSnapshot(new ArrayList<>(pending));
    }

    @Override
    public void close() {}
}
