package dev.episodes.config;

import dev.episodes.event.RawEvent;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where the streaming job reads and what it does at the edges: topics (names are configuration),
 * consumer group, starting offsets ({@code committed}, {@code earliest}, {@code latest} or
 * {@code timestamp:<ISO-8601>}), whether to stop at the offsets that were latest at start (bounded runs:
 * the demo, tests), the checkpoint interval and the dead-letter topic.
 */
public record KafkaSettings(String bootstrap, String keysTopic, String mouseTopic, String contextTopic,
        String consentTopic, String deadLetterTopic, String groupId, String startingOffsets, boolean stopAtLatest,
        Duration checkpointInterval) implements Serializable {

    public KafkaSettings {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("--bootstrap is required (host:port of a Kafka broker)");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("--checkpoint-interval must be positive, got " + checkpointInterval);
        }
        startingInstant(startingOffsets); // validates
    }

    public static KafkaSettings defaults(String bootstrap) {
        return new KafkaSettings(bootstrap, "activity.keys", "activity.mouse", "activity.context", "activity.consent",
                "activity.deadletter", "activity-episodes", "committed", false, Duration.ofSeconds(60));
    }

    public KafkaSettings bounded(boolean stop) {
        return new KafkaSettings(bootstrap, keysTopic, mouseTopic, contextTopic, consentTopic, deadLetterTopic, groupId,
                startingOffsets, stop, checkpointInterval);
    }

    public KafkaSettings withCheckpointInterval(Duration d) {
        return new KafkaSettings(bootstrap, keysTopic, mouseTopic, contextTopic, consentTopic, deadLetterTopic, groupId,
                startingOffsets, stopAtLatest, d);
    }

    public KafkaSettings withStartingOffsets(String s) {
        return new KafkaSettings(bootstrap, keysTopic, mouseTopic, contextTopic, consentTopic, deadLetterTopic, groupId,
                s, stopAtLatest, checkpointInterval);
    }

    public List<String> activityTopics() {
        return List.of(keysTopic, mouseTopic, contextTopic, consentTopic);
    }

    public Map<String, RawEvent.Kind> kindByTopic() {
        return Map.of(keysTopic, RawEvent.Kind.KEY, mouseTopic, RawEvent.Kind.MOUSE, contextTopic, RawEvent.Kind.CONTEXT,
                consentTopic, RawEvent.Kind.CONSENT);
    }

    public String topicOf(RawEvent.Kind kind) {
        return switch (kind) {
            case KEY -> keysTopic;
            case MOUSE -> mouseTopic;
            case CONTEXT -> contextTopic;
            case CONSENT -> consentTopic;
        };
    }

    /** The instant of {@code timestamp:<ISO-8601>} starting offsets, or null for the other modes. */
    public static Instant startingInstant(String startingOffsets) {
        switch (startingOffsets) {
            case "committed", "earliest", "latest" -> {
                return null;
            }
            default -> {
                if (startingOffsets.startsWith("timestamp:")) {
                    try {
                        return Instant.parse(startingOffsets.substring("timestamp:".length()));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("--starting-offsets timestamp must be ISO-8601, e.g. "
                                + "timestamp:2026-11-01T00:00:00Z, got '" + startingOffsets + "'");
                    }
                }
                throw new IllegalArgumentException("--starting-offsets must be committed, earliest, latest or "
                        + "timestamp:<ISO-8601>, got '" + startingOffsets + "'");
            }
        }
    }
}
