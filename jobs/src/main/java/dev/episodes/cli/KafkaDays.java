package dev.episodes.cli;

import dev.episodes.config.KafkaSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the activity topics hold records of a UTC day (by record timestamp, widened by the record-time
 * slack, as the build reads them): the offsets at the day's start and end differ on some partition.
 * When the broker cannot say, the day counts as having input and the build reports what it finds.
 */
final class KafkaDays {
    private KafkaDays() {}

    static boolean hasInput(KafkaSettings kafka, LocalDate day, Duration slack) {
        // Negative timestamps are Kafka's codes for earliest, latest and others: clamp to the epoch.
        long from = Math.max(0, day.atStartOfDay(ZoneOffset.UTC).toInstant().minus(slack).toEpochMilli());
        long to = Math.max(0, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(slack).toEpochMilli());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TopicDescription t : admin.describeTopics(kafka.activityTopics()).allTopicNames().get(10, TimeUnit.SECONDS)
                    .values()) {
                t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition())));
            }
            Map<TopicPartition, Long> start = offsets(admin, partitions, OffsetSpec.forTimestamp(from));
            Map<TopicPartition, Long> end = offsets(admin, partitions, OffsetSpec.forTimestamp(to));
            Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
            for (TopicPartition p : partitions) {
                long s = start.get(p) < 0 ? latest.get(p) : start.get(p);
                long e = end.get(p) < 0 ? latest.get(p) : end.get(p);
                if (s < e) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        partitions.forEach(p -> ask.put(p, spec));
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(ask).all()
                .get(10, TimeUnit.SECONDS).entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        return out;
    }
}
