package dev.episodes.harness;

import dev.episodes.config.KafkaSettings;
import dev.episodes.config.OutputLayout;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.device.OfflineTimelines;
import dev.episodes.device.Privacy;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.ShardWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the pipeline cannot beat, measured on the same corpus and machine as the pipeline itself: one
 * thread decoding JSON, one thread writing Parquet, one consumer reading the topics.
 */
final class Floors {
    static final int ROUNDS = 3; // best of three: the first pays for JIT, page cache and native zstd

    private Floors() {}

    /** Lines per second one thread reads from the file and decodes, best of three. */
    static double jsonDecode(Path corpus) throws IOException {
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(TimeBounds.Y2000_US, Long.MAX_VALUE));
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long n = 0;
            long decoded = 0;
            long t0 = System.nanoTime();
            try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    n++;
                    if (decoder.decode(line) instanceof DecodeResult.Decoded) {
                        decoded++;
                    }
                }
            }
            best = Math.max(best, n / seconds(t0));
            if (decoded == 0) {
                throw new IllegalStateException("nothing in " + corpus + " decoded");
            }
        }
        return best;
    }

    /** Episodes of the first {@code maxLines} lines, made by the same domain code the job runs. */
    static List<Episode> episodes(Path corpus, long maxLines) throws IOException {
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(TimeBounds.Y2000_US, Long.MAX_VALUE));
        List<RawEvent> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            String line;
            for (long n = 0; n < maxLines && (line = in.readLine()) != null; n++) {
                if (decoder.decode(line) instanceof DecodeResult.Decoded d) {
                    events.add(d.event());
                }
            }
        }
        return OfflineTimelines.episodes(events,
                new Privacy(BenchKey.get().pseudonymizer(), new Redactor(RedactionPolicy.DEFAULT)), SessionRules.DEFAULT);
    }

    /** Step rows per second one thread writes as a zstd Parquet shard, best of three. */
    static double parquetWrite(List<Episode> episodes, Path dir) throws IOException {
        long steps = episodes.stream().mapToLong(e -> e.steps().size()).sum();
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            DatasetCommitter.deleteRecursively(dir);
            long t0 = System.nanoTime();
            new ShardWriter(OutputLayout.DEFAULT).write(dir, dir.resolve("audit"), "floor.parquet", episodes);
            best = Math.max(best, steps / seconds(t0));
        }
        DatasetCommitter.deleteRecursively(dir);
        return best;
    }

    /** Records per second one consumer reads (bytes only, no decoding) from the activity topics. */
    static double kafkaConsume(KafkaSettings kafka, long expected) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.setProperty(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
        p.setProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : kafka.activityTopics()) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long t0 = System.nanoTime();
            long seen = 0;
            long bytes = 0;
            long deadline = t0 + Duration.ofMinutes(10).toNanos();
            while (seen < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("consumed " + seen + " of " + expected + " records in 10 minutes");
                }
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                    bytes += r.value().length;
                }
            }
            if (bytes == 0) {
                throw new IllegalStateException("no bytes consumed");
            }
            return seen / seconds(t0);
        }
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
