package dev.episodes.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaITCase {
    @Test
    void aRealBrokerRoundTripsRecordsAndSurvivesARestart(@TempDir Path dir) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(dir, System.getProperty("java.class.path"))) {
            send(kafka, "before");
            kafka.stopProcess();
            kafka.startProcess();
            send(kafka, "after");
            Properties c = new Properties();
            c.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
            c.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "t");
            c.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("t"));
                java.util.List<String> got = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (got.size() < 2 && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> rs = consumer.poll(Duration.ofMillis(500));
                    rs.forEach(r -> got.add(r.value()));
                }
                assertEquals(List.of("before", "after"), got);
            }
        }
    }

    private static void send(LocalKafka kafka, String value) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>("t", 0, "k", value)).get();
        }
    }
}
