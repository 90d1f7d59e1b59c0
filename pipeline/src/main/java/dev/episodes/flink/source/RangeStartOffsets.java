package dev.episodes.flink.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a time-range replay starts: activity topics at the first record stamped at or after
 * {@code startMs} (their end when there is none), the consent topic at its beginning, because a revoke
 * long before the range still applies to it.
 */
final class RangeStartOffsets implements OffsetsInitializer {
    private static final long serialVersionUID = 1L;
    private final String consentTopic;
    private final long startMs;

    RangeStartOffsets(String consentTopic, long startMs) {
        this.consentTopic = consentTopic;
        this.startMs = startMs;
    }

    @Override
    public Map<TopicPartition, Long> getPartitionOffsets(Collection<TopicPartition> partitions,
            PartitionOffsetsRetriever retriever) {
        List<TopicPartition> consent = new ArrayList<>();
        Map<TopicPartition, Long> byTime = new HashMap<>();
        for (TopicPartition tp : partitions) {
            if (tp.topic().equals(consentTopic)) {
                consent.add(tp);
            } else {
                byTime.put(tp, startMs);
            }
        }
        Map<TopicPartition, Long> offsets = new HashMap<>(retriever.beginningOffsets(consent));
        if (!byTime.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> found = retriever.offsetsForTimes(byTime);
            Map<TopicPartition, Long> ends = retriever.endOffsets(byTime.keySet());
            for (TopicPartition tp : byTime.keySet()) {
                OffsetAndTimestamp o = found.get(tp);
                offsets.put(tp, o == null ? ends.get(tp) : o.offset());
            }
        }
        return offsets;
    }

    @Override
    public OffsetResetStrategy getAutoOffsetResetStrategy() {
        return OffsetResetStrategy.EARLIEST;
    }
}
