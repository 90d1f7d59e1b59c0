package dev.episodes.flink.source;

import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An unbounded {@link KafkaSource} that refuses a bounded run's state ({@link BoundedRunMark}) instead of
 * stopping where that run would have. Everything else, state layout and uids included, is the Kafka
 * source's own, so checkpoints of unbounded runs before this wrapper restore as they did.
 */
public final class UnboundedKafka<T> extends WrappedKafkaSource<T> {
    private static final long serialVersionUID = 1L;

    public UnboundedKafka(KafkaSource<T> source) {
        super(source, Boundedness.CONTINUOUS_UNBOUNDED, "only an unbounded Kafka source refuses bounded state");
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state) throws Exception {
        return state instanceof BoundedRunMark.BoundedRunState ? new Refused(state)
                : source.restoreEnumerator(context, state);
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return BoundedRunMark.refusing(source.getEnumeratorCheckpointSerializer());
    }

    /**
     * Fails the job when the first reader registers: the job is running then, so the failure ends it with
     * the reason, where one at restore would be logged and lost (the job then ran without a coordinator).
     */
    record Refused(KafkaSourceEnumState state) implements SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {
        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
            throw refused();
        }

        @Override
        public void addSplitsBack(List<KafkaPartitionSplit> splits, int subtaskId) {}

        @Override
        public void addReader(int subtaskId) {
            throw refused();
        }

        @Override
        public KafkaSourceEnumState snapshotState(long checkpointId) {
            // never an unmarked copy of the bounded run's state
            throw new IllegalStateException(BoundedRunMark.REFUSED);
        }

        @Override
        public void close() {}

        /**
         * Not recoverable, so that a restart strategy (Flink's default for a checkpointed job restarts for
         * ever) does not restore the same state into the same refusal again and again.
         */
        private static RuntimeException refused() {
            return new org.apache.flink.runtime.execution.SuppressRestartsException(
                    new IllegalStateException(BoundedRunMark.REFUSED));
        }
    }
}
