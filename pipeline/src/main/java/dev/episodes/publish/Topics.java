package dev.episodes.publish;

import dev.episodes.config.KafkaSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The contract's topics: created when missing (publisher, demo), checked before a job starts. */
public final class Topics {
    private Topics() {}

    public static void ensure(KafkaSettings kafka, int partitions) throws IOException {
        List<String> names = new ArrayList<>(kafka.activityTopics());
        names.add(kafka.deadLetterTopic());
        try (Admin admin = admin(kafka)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> create = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            if (!create.isEmpty()) {
                try {
                    admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                awaitLeaders(admin, create.stream().map(NewTopic::name).toList());
            }
        } catch (Exception e) {
            throw new IOException("cannot create topics on " + kafka.bootstrap() + ": " + e.getMessage(), e);
        }
    }

    /**
     * New partitions are usable only once their leader broker has created their logs; producing before
     * that gets NOT_LEADER and can wedge an idempotent producer in OUT_OF_ORDER_SEQUENCE retries.
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<String, org.apache.kafka.clients.admin.TopicDescription> descriptions;
            try {
                descriptions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Just created: the broker answering may not know the topics yet (metadata still propagating).
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            Map<Integer, Set<org.apache.kafka.common.TopicPartition>> byLeader = new java.util.HashMap<>();
            boolean leaders = true;
            for (var d : descriptions.values()) {
                for (var p : d.partitions()) {
                    if (p.leader() == null || p.leader().isEmpty()) {
                        leaders = false;
                    } else {
                        byLeader.computeIfAbsent(p.leader().id(), k -> new java.util.HashSet<>())
                                .add(new org.apache.kafka.common.TopicPartition(d.name(), p.partition()));
                    }
                }
            }
            if (leaders && logsCreated(admin, byLeader)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("partitions of " + topics + " not ready after 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static boolean logsCreated(Admin admin, Map<Integer, Set<org.apache.kafka.common.TopicPartition>> byLeader)
            throws Exception {
        var dirs = admin.describeLogDirs(byLeader.keySet()).allDescriptions().get(30, TimeUnit.SECONDS);
        for (var e : byLeader.entrySet()) {
            Set<org.apache.kafka.common.TopicPartition> present = new java.util.HashSet<>();
            dirs.getOrDefault(e.getKey(), Map.of()).values().forEach(d -> present.addAll(d.replicaInfos().keySet()));
            if (!present.containsAll(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Fails with a message naming what is missing, instead of a job that fails over forever. */
    public static void check(KafkaSettings kafka) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<String> missing = kafka.activityTopics().stream().filter(n -> !existing.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("topics missing on " + kafka.bootstrap() + ": " + missing
                        + " (create them, or run ./episodes publish which creates them)");
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot reach Kafka at " + kafka.bootstrap() + ": " + e.getMessage(), e);
        }
    }

    private static Admin admin(KafkaSettings kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }
}
