package dev.episodes.flink.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A time-range replay starts the activity topics at the range and the consent topic at its beginning. */
class RangeStartOffsetsTest {
    static final TopicPartition KEYS_0 = new TopicPartition("activity.keys", 0);
    static final TopicPartition KEYS_1 = new TopicPartition("activity.keys", 1);
    static final TopicPartition CONSENT_0 = new TopicPartition("activity.consent", 0);

    /** Partition keys-0 has a record at or after the time (offset 40); keys-1 has none. */
    static final class Broker implements OffsetsInitializer.PartitionOffsetsRetriever {
        long askedTime = -1;

        @Override
        public Map<TopicPartition, Long> committedOffsets(Collection<TopicPartition> partitions) {
            throw new AssertionError("a replay never starts from committed offsets");
        }

        @Override
        public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> m = new HashMap<>();
            partitions.forEach(tp -> m.put(tp, 100L + tp.partition()));
            return m;
        }

        @Override
        public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> m = new HashMap<>();
            partitions.forEach(tp -> m.put(tp, 7L));
            return m;
        }

        @Override
        public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
            Map<TopicPartition, OffsetAndTimestamp> m = new HashMap<>();
            timestamps.forEach((tp, t) -> {
                askedTime = t;
                m.put(tp, tp.equals(KEYS_0) ? new OffsetAndTimestamp(40L, t) : null);
            });
            return m;
        }
    }

    @Test
    void consentFromItsBeginningActivityFromTheRangeOrItsEnd() {
        Broker broker = new Broker();
        Map<TopicPartition, Long> offsets = new RangeStartOffsets("activity.consent", 1_000L)
                .getPartitionOffsets(List.of(KEYS_0, KEYS_1, CONSENT_0), broker);
        assertEquals(7L, offsets.get(CONSENT_0), "a revoke long before the range still applies");
        assertEquals(40L, offsets.get(KEYS_0));
        assertEquals(101L, offsets.get(KEYS_1), "nothing stamped after the start: nothing to read there");
        assertEquals(1_000L, broker.askedTime);
    }
}
