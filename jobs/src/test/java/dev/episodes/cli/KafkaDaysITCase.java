package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.testing.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A nightly day from Kafka has input when the topics hold records stamped in it (widened by the slack). */
class KafkaDaysITCase {
    @Test
    void theTopicsSayWhichDaysTheyHold(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("activity.jsonl");
        Corpus.write(input, GeneratorSettings.of(2, Duration.ofMinutes(3), 5)); // 2026-11-27 08:30 UTC
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), System.getProperty("java.class.path"))) {
            KafkaSettings settings = KafkaSettings.defaults(kafka.bootstrap());
            ActivityPublisher.publish(input, settings, Encoding.JSON);
            Duration slack = Duration.ofHours(1);
            assertTrue(KafkaDays.hasInput(settings, LocalDate.parse("2026-11-27"), slack));
            assertFalse(KafkaDays.hasInput(settings, LocalDate.parse("2026-11-26"), slack));
            assertFalse(KafkaDays.hasInput(settings, LocalDate.parse("2027-01-01"), slack));
            assertFalse(KafkaDays.hasInput(settings, LocalDate.parse("1970-01-01"), slack));
            assertTrue(KafkaDays.hasInput(settings, LocalDate.parse("2026-11-26"), Duration.ofHours(9)),
                    "the slack widens the day as the build widens what it reads");
        }
    }
}
