package dev.episodes.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.testing.Events;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code publish} reads files as replays do: what it sends is the line as written, never a repaired one. */
class PublishLinesITCase {
    @TempDir
    Path dir;

    @Test
    void linesThatAreNotExactlyOneUtf8ObjectAreSkippedAndTheRestSentAsWritten() throws Exception {
        List<String> events = Events.script().context(0, "Chrome", "Inbox", "textbox", "Search", false)
                .click(10, 5, 5).list().stream().map(JsonEventEncoder::encode).toList();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // tolerated at the start
        file.write((events.get(0) + "\r\n").getBytes(StandardCharsets.UTF_8));
        file.write((events.get(1) + events.get(2) + "\n").getBytes(StandardCharsets.UTF_8)); // two objects
        byte[] bad = (events.get(1) + "\n").getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 3] = (byte) 0xC0; // not UTF-8
        file.write(bad);
        file.write((events.get(2) + "\n").getBytes(StandardCharsets.UTF_8));
        Path input = Files.write(dir.resolve("a.jsonl"), file.toByteArray());

        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), System.getProperty("java.class.path"))) {
            KafkaSettings topics = KafkaSettings.defaults(kafka.bootstrap());
            ActivityPublisher.Published p = ActivityPublisher.publish(input, topics, Encoding.JSON);
            assertEquals(2, p.json());
            assertEquals(2, p.skipped());
            Properties c = new Properties();
            c.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
            c.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "t");
            List<byte[]> values = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topics.contextTopic()));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        values.add(r.value());
                    }
                }
            }
            assertEquals(1, values.size());
            assertArrayEquals(events.get(0).getBytes(StandardCharsets.UTF_8), values.get(0),
                    "the context line as written, without the BOM and the line end");
        }
    }
}
