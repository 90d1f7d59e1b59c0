package dev.episodes.cli;

import dev.episodes.config.KafkaSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Kafka connection and topic flags, shared by {@code stream}, {@code publish}, {@code replay} and {@code nightly}. */
public final class KafkaFlags {
    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, host:port[,host:port].")
    String bootstrap;

    @Option(names = "--keys-topic", defaultValue = "activity.keys", description = "(default: ${DEFAULT-VALUE})")
    String keysTopic;

    @Option(names = "--mouse-topic", defaultValue = "activity.mouse", description = "(default: ${DEFAULT-VALUE})")
    String mouseTopic;

    @Option(names = "--context-topic", defaultValue = "activity.context", description = "(default: ${DEFAULT-VALUE})")
    String contextTopic;

    @Option(names = "--consent-topic", defaultValue = "activity.consent", description = "(default: ${DEFAULT-VALUE})")
    String consentTopic;

    @Option(names = "--dead-letter-topic", defaultValue = "activity.deadletter",
            description = "Where the streaming job sends dead letters (default: ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Option(names = "--group-id", defaultValue = "activity-episodes", description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--starting-offsets", defaultValue = "committed",
            description = "stream: committed (else earliest), earliest, latest, or timestamp:<ISO-8601> (default: ${DEFAULT-VALUE}).")
    String startingOffsets;

    @Option(names = "--checkpoint-interval", converter = DurationConverter.class, defaultValue = "60s",
            description = "stream: checkpoint interval; shards are published when a checkpoint completes (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--until-latest", description = "stream: stop at the offsets that are latest at start (a bounded run).")
    boolean untilLatest;

    KafkaSettings settings() {
        return new KafkaSettings(bootstrap, keysTopic, mouseTopic, contextTopic, consentTopic, deadLetterTopic, groupId,
                startingOffsets, untilLatest, checkpointInterval);
    }
}
