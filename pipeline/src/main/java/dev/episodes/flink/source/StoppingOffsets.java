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
public record StoppingOffsets(String groupId, Map<TopicPartition, Long> offsets) implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code groupId}: the consumer group the run read for, whose offsets these are; null in records
     * written before it was kept (a flat object of partitions and offsets).
     */
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
            return new StoppingOffsets(kafka.groupId(), latest);
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
     * Refuses to commit these offsets for another group than the one that read them: the group asked
     * for would be marked as having read records it never did, and would skip them. A record from before
     * groups were kept names none and is not refused.
     */
    public void requireGroup(String group, Path recordedIn) {
        if (groupId != null && !groupId.equals(group)) {
            throw new IllegalArgumentException("the offsets in " + recordedIn + " were read for consumer group '"
                    + groupId + "', not '" + group + "': rerun with --group-id " + groupId
                    + " to commit them, or remove that file to leave them uncommitted");
        }
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
        if (groupId != null) {
            o.put("group", groupId);
        }
        ObjectNode partitions = o.putObject("offsets");
        new TreeMap<>(names()).forEach(partitions::put);
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
        if (!tree.isObject()) {
            throw new IllegalArgumentException("not a record of stopping offsets: " + file + " (not a JSON object)");
        }
        // {"group": g, "offsets": {...}}; a record from before groups were kept is the flat offsets object
        boolean flat = !(tree.has("offsets") && tree.get("offsets").isObject());
        JsonNode group = flat ? null : tree.get("group");
        if (group != null && !group.isTextual()) {
            throw new IllegalArgumentException("not a consumer group in " + file + ": " + group);
        }
        (flat ? tree : tree.get("offsets")).fields().forEachRemaining(e -> {
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
        return Optional.of(new StoppingOffsets(group == null ? null : group.asText(), offsets));
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
