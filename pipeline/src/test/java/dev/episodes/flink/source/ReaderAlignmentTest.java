package dev.episodes.flink.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Readers aligned as a whole: split pausing never reaches the Kafka reader, everything else does. */
class ReaderAlignmentTest {
    @Test
    void splitPausingIsANoOpAndEveryOtherCallIsTheReadersOwn() throws Exception {
        List<String> calls = new ArrayList<>();
        var reader = new ReaderAlignment.WholeReader<>(new Recording(calls));
        KafkaPartitionSplit split = new KafkaPartitionSplit(new TopicPartition("activity.mouse", 0), 0, 10);
        reader.start();
        reader.addSplits(List.of(split));
        reader.pauseOrResumeSplits(List.of(split.splitId()), List.of());
        reader.pauseOrResumeSplits(List.of(), List.of(split.splitId()));
        assertEquals(InputStatus.MORE_AVAILABLE, reader.pollNext(null));
        assertEquals(List.of(split), reader.snapshotState(3));
        reader.isAvailable();
        reader.notifyNoMoreSplits();
        reader.handleSourceEvents(new SourceEvent() {});
        reader.notifyCheckpointComplete(3);
        reader.notifyCheckpointAborted(4);
        reader.close();
        assertEquals(List.of("start", "addSplits", "pollNext", "snapshotState 3", "isAvailable", "notifyNoMoreSplits",
                "handleSourceEvents", "complete 3", "aborted 4", "close"), calls, "no pause, no resume");
    }

    @Test
    void theSourceKeepsItsBoundednessTypeAndSerializers() {
        KafkaSource<String> kafka = KafkaSource.<String>builder().setBootstrapServers("127.0.0.1:1")
                .setTopics("t").setValueOnlyDeserializer(new org.apache.flink.api.common.serialization.SimpleStringSchema())
                .setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest()).build();
        var aligned = new ReaderAlignment<>(kafka);
        assertEquals(Boundedness.BOUNDED, aligned.getBoundedness());
        assertEquals(kafka.getProducedType(), aligned.getProducedType());
        assertEquals(kafka.getSplitSerializer().getClass(), aligned.getSplitSerializer().getClass());
        assertEquals(kafka.getEnumeratorCheckpointSerializer().getClass(),
                aligned.getEnumeratorCheckpointSerializer().getClass());
        var bounded = new ReaderAlignment<>(new StopAtLatestOnRestore<>(kafka));
        assertSame(Boundedness.BOUNDED, bounded.getBoundedness());
    }

    /** A reader that records what reaches it. */
    private static final class Recording implements SourceReader<String, KafkaPartitionSplit> {
        private final List<String> calls;
        private final List<KafkaPartitionSplit> splits = new ArrayList<>();

        Recording(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public void start() {
            calls.add("start");
        }

        @Override
        public InputStatus pollNext(ReaderOutput<String> output) {
            calls.add("pollNext");
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
            calls.add("snapshotState " + checkpointId);
            return splits;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            calls.add("isAvailable");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void addSplits(List<KafkaPartitionSplit> added) {
            calls.add("addSplits");
            splits.addAll(added);
        }

        @Override
        public void notifyNoMoreSplits() {
            calls.add("notifyNoMoreSplits");
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            calls.add("handleSourceEvents");
        }

        @Override
        public void pauseOrResumeSplits(java.util.Collection<String> toPause, java.util.Collection<String> toResume) {
            calls.add("pauseOrResume");
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            calls.add("complete " + checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) {
            calls.add("aborted " + checkpointId);
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }
}
