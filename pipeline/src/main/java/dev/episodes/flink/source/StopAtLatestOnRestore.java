package dev.episodes.flink.source;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded {@link KafkaSource} ({@code --until-latest}) that also stops when it resumes from the state
 * of an unbounded run. A split keeps its stopping offset in the reader's state, and an unbounded run's
 * splits have none: restored as they are, a bounded job would read forever. Splits read back without a
 * stopping offset stop at the offsets that are latest when the restored reader takes them, which is what
 * {@code --until-latest} means for a run that starts now. And the restored enumerator never tells its
 * readers that no more splits come (FLINK-31006: its one partition discovery finds nothing new and returns
 * before it would), so readers would wait forever even with every split read: here it does, once that
 * discovery is done. State and uids are the Kafka source's own, so an unbounded run's checkpoint restores
 * into a bounded run. Not the other way: a bounded run's splits keep their stopping offsets and its
 * finished partitions are no split at all, so an unbounded job restored from it would stop there and never
 * read what came later. Its enumerator state is therefore marked ({@link BoundedRunMark}), and an unbounded
 * job ({@link UnboundedKafka}) refuses it.
 */
public final class StopAtLatestOnRestore<T> extends WrappedKafkaSource<T> {
    private static final long serialVersionUID = 1L;

    private final StoppingOffsets stopping; // null: the latest when a reader takes the split

    public StopAtLatestOnRestore(KafkaSource<T> source) {
        this(source, null);
    }

    /** Restored splits without a stopping offset stop at {@code stopping} (the latest when read, if absent). */
    public StopAtLatestOnRestore(KafkaSource<T> source, StoppingOffsets stopping) {
        super(source, Boundedness.BOUNDED, "only a bounded Kafka source stops at the latest offsets");
        this.stopping = stopping;
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state) throws Exception {
        NoMoreSplitsAfterDiscovery restored = new NoMoreSplitsAfterDiscovery(context);
        return new RestoredEnumerator(source.restoreEnumerator(restored, state), restored);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return new Splits(source.getSplitSerializer(), stopping);
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return BoundedRunMark.marking(source.getEnumeratorCheckpointSerializer());
    }

    /** The Kafka split serializer, with a stopping offset for splits that were unbounded. */
    static final class Splits implements SimpleVersionedSerializer<KafkaPartitionSplit> {
        private final SimpleVersionedSerializer<KafkaPartitionSplit> kafka;
        private final StoppingOffsets stopping;

        Splits(SimpleVersionedSerializer<KafkaPartitionSplit> kafka) {
            this(kafka, null);
        }

        Splits(SimpleVersionedSerializer<KafkaPartitionSplit> kafka, StoppingOffsets stopping) {
            this.kafka = kafka;
            this.stopping = stopping;
        }

        @Override
        public int getVersion() {
            return kafka.getVersion();
        }

        @Override
        public byte[] serialize(KafkaPartitionSplit split) throws IOException {
            return kafka.serialize(split);
        }

        @Override
        @SuppressWarnings("deprecation") // LATEST_OFFSET: the marker the split reader resolves to end offsets
        public KafkaPartitionSplit deserialize(int version, byte[] serialized) throws IOException {
            KafkaPartitionSplit split = kafka.deserialize(version, serialized);
            if (split.getStoppingOffset().isPresent()) {
                return split;
            }
            long start = split.getStartingOffset();
            Optional<Long> given = stopping == null ? Optional.empty()
                    : stopping.of(split.getTopicPartition());
            long stop;
            if (given.isPresent()) {
                stop = start >= 0 ? Math.max(start, given.get()) : given.get(); // never before where it is
            } else if (stopping != null && start >= 0) {
                stop = start; // a partition the command did not see at the start: not read this run
            } else {
                stop = KafkaPartitionSplit.LATEST_OFFSET;
            }
            return new KafkaPartitionSplit(split.getTopicPartition(), start, stop);
        }
    }

    /**
     * The enumerator's context, noticing when its one-shot partition discovery has finished without
     * starting more work (nothing new to assign): from then on every reader is told there are no more
     * splits. When discovery does find new partitions, the enumerator assigns them and signals itself.
     */
    static final class NoMoreSplitsAfterDiscovery implements SplitEnumeratorContext<KafkaPartitionSplit> {
        private final SplitEnumeratorContext<KafkaPartitionSplit> context;
        private final AtomicInteger asyncCalls = new AtomicInteger();
        private volatile boolean discovered;

        NoMoreSplitsAfterDiscovery(SplitEnumeratorContext<KafkaPartitionSplit> context) {
            this.context = context;
        }

        @Override
        public <R> void callAsync(Callable<R> callable, BiConsumer<R, Throwable> handler) {
            asyncCalls.incrementAndGet();
            context.callAsync(callable, (result, error) -> {
                int before = asyncCalls.get();
                handler.accept(result, error);
                if (error == null && asyncCalls.get() == before) {
                    discovered = true; // runs in the coordinator thread, as addReader does
                    context.registeredReaders().keySet().forEach(context::signalNoMoreSplits);
                }
            });
        }

        @Override
        public <R> void callAsync(Callable<R> callable, BiConsumer<R, Throwable> handler, long initialDelayMs,
                long periodMs) {
            asyncCalls.incrementAndGet();
            context.callAsync(callable, handler, initialDelayMs, periodMs);
        }

        void readerAdded(int subtask) {
            if (discovered) {
                context.signalNoMoreSplits(subtask);
            }
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return context.metricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            context.sendEventToSourceReader(subtaskId, event);
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, int attemptNumber, SourceEvent event) {
            context.sendEventToSourceReader(subtaskId, attemptNumber, event);
        }

        @Override
        public int currentParallelism() {
            return context.currentParallelism();
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return context.registeredReaders();
        }

        @Override
        public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
            return context.registeredReadersOfAttempts();
        }

        @Override
        public void assignSplits(SplitsAssignment<KafkaPartitionSplit> assignment) {
            context.assignSplits(assignment);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            context.signalNoMoreSplits(subtask);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            context.runInCoordinatorThread(runnable);
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            context.setIsProcessingBacklog(isProcessingBacklog);
        }
    }

    /** The restored Kafka enumerator; a reader that registers after discovery hears there are no more splits. */
    static final class RestoredEnumerator implements SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {
        private final SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> kafka;
        private final NoMoreSplitsAfterDiscovery context;

        RestoredEnumerator(SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> kafka,
                NoMoreSplitsAfterDiscovery context) {
            this.kafka = kafka;
            this.context = context;
        }

        @Override
        public void start() {
            kafka.start();
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
            kafka.handleSplitRequest(subtaskId, requesterHostname);
        }

        @Override
        public void addSplitsBack(List<KafkaPartitionSplit> splits, int subtaskId) {
            kafka.addSplitsBack(splits, subtaskId);
        }

        @Override
        public void addReader(int subtaskId) {
            kafka.addReader(subtaskId); // assigns what is pending for it first
            context.readerAdded(subtaskId);
        }

        @Override
        public KafkaSourceEnumState snapshotState(long checkpointId) throws Exception {
            return kafka.snapshotState(checkpointId);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            kafka.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void handleSourceEvent(int subtaskId, SourceEvent event) {
            kafka.handleSourceEvent(subtaskId, event);
        }

        @Override
        public void close() throws IOException {
            kafka.close();
        }
    }
}
