package dev.episodes.flink.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.config.KafkaSettings;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a bounded run ({@code --until-latest}) stops, resolved once by the command before the job starts
 * rather than by each reader when it takes a partition: so the command knows exactly what the run read,
 * and commits it to the group itself once the run has finished. The source's own commit of a finished
 * run's last checkpoint is asynchronous and can be lost as the finished reader closes, and a rerun would
 * then read the same records again. Kept beside the checkpoints while the run's state is, so that a
 * stopped run resumed later stops, and commits, where it began to.
 */
public record StoppingOffsets(Map<TopicPartition, Long> offsets) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public StoppingOffsets {
        offsets = Map.copyOf(offsets);
    }

    /** The latest offsets of every partition of the activity topics, now. */
    public static StoppingOffsets latest(KafkaSettings kafka) {
        try (Admin admin = admin(kafka)) {
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            admin.describeTopics(kafka.activityTopics()).allTopicNames().get(30, TimeUnit.SECONDS).values()
                    .forEach(d -> d.partitions().forEach(p ->
                            ask.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> latest = new HashMap<>();
            admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> latest.put(tp, info.offset()));
            return new StoppingOffsets(latest);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the latest offsets from " + kafka.bootstrap() + ": "
                    + e.getMessage(), e);
        }
    }

    /** For the source: these offsets; a partition not among them (created since) is not read this run. */
    public OffsetsInitializer initializer() {
        return OffsetsInitializer.offsets(offsets, OffsetResetStrategy.EARLIEST);
    }

    public Optional<Long> of(TopicPartition tp) {
        return Optional.ofNullable(offsets.get(tp));
    }

    /**
     * Commits these offsets for the group, where it stands before them (never backwards: a later run may
     * have read further). Returns how many partitions moved.
     */
    public int commit(KafkaSettings kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(kafka.groupId())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> forward = new HashMap<>();
            offsets.forEach((tp, offset) -> {
                OffsetAndMetadata now = committed.get(tp);
                if (offset > 0 && (now == null || now.offset() < offset)) {
                    forward.put(tp, new OffsetAndMetadata(offset));
                }
            });
            if (!forward.isEmpty()) {
                admin.alterConsumerGroupOffsets(kafka.groupId(), forward).all().get(30, TimeUnit.SECONDS);
            }
            return forward.size();
        }
    }

    public void write(Path file) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        new TreeMap<>(names()).forEach(o::put);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** As {@link #write} wrote it; empty if there is no such file. */
    public static Optional<StoppingOffsets> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        JsonNode tree;
        try {
            tree = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a record of stopping offsets: " + file + " (" + e.getMessage() + ")");
        }
        tree.fields().forEachRemaining(e -> {
            String name = e.getKey();
            int dash = name.lastIndexOf('-');
            int partition = -1;
            try {
                partition = dash < 1 ? -1 : Integer.parseInt(name.substring(dash + 1));
            } catch (NumberFormatException notANumber) {
                // refused below
            }
            if (partition < 0 || !e.getValue().isIntegralNumber()) {
                throw new IllegalArgumentException("not a partition and offset in " + file + ": " + name);
            }
            offsets.put(new TopicPartition(name.substring(0, dash), partition), e.getValue().asLong());
        });
        return Optional.of(new StoppingOffsets(offsets));
    }

    private Map<String, Long> names() {
        Map<String, Long> m = new HashMap<>();
        offsets.forEach((tp, o) -> m.put(tp.topic() + "-" + tp.partition(), o));
        return m;
    }

    private static Admin admin(KafkaSettings kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }
}
