package dev.episodes.publish;

import dev.episodes.archive.ArchiveLine;
import dev.episodes.archive.ArchiveLines;
import dev.episodes.config.KafkaSettings;
import dev.episodes.decode.AvroEventEncoder;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.RawEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads archived or generated activity into the contract's topics, one record per event, keyed by
 * {@code user_id}, each on its kind's topic. Lines that are not valid events cannot be routed to a
 * kind's topic; they are counted and skipped (send garbage to a topic directly to test dead letters).
 */
public final class ActivityPublisher {
    private ActivityPublisher() {}

    /** What was sent: records per encoding and lines skipped. */
    static final int REPORT_EVERY = 10_000;

    public record Published(long json, long avro, long skipped) {
        public long total() {
            return json + avro;
        }
    }

    public static Published publish(Path input, KafkaSettings kafka, Encoding encoding) throws IOException {
        return publish(input, kafka, encoding, lines -> { });
    }

    /** As {@link #publish(Path, KafkaSettings, Encoding)}, telling {@code linesRead} every {@value #REPORT_EVERY} lines. */
    public static Published publish(Path input, KafkaSettings kafka, Encoding encoding,
            java.util.function.LongConsumer linesRead) throws IOException {
        Topics.ensure(kafka, 2);
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(Long.MIN_VALUE, Long.MAX_VALUE));
        long json = 0;
        long avro = 0;
        long skipped = 0;
        java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Exception> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer());
                ArchiveLines in = ArchiveLines.open(Files.newInputStream(input), input.getFileName().toString(), 0)) {
            long read = 0;
            // Read as replays read archives: bytes as written, strict UTF-8, one object per line.
            for (ArchiveLine line = in.next(); line != null; line = in.next()) {
                if (++read % REPORT_EVERY == 0) {
                    linesRead.accept(read);
                }
                if (line.kind() != ArchiveLine.Kind.LINE
                        || !(decoder.decodeLine(line.bytes()) instanceof DecodeResult.Decoded d)) {
                    skipped++;
                    continue;
                }
                RawEvent e = d.event();
                boolean asAvro = encoding == Encoding.AVRO
                        || (encoding == Encoding.MIXED && (e.eventId().hashCode() & 1) == 0);
                byte[] value = asAvro ? AvroEventEncoder.encode(e) : line.bytes();
                // Stamped with its event time, as a recorder sending live would; never in the future,
                // which brokers refuse (the broker's clock stamps those).
                long ms = Math.floorDiv(e.tsUs(), 1000);
                Long timestamp = ms > 0 && ms <= System.currentTimeMillis() ? ms : null;
                producer.send(new ProducerRecord<>(kafka.topicOf(e.kind()), null, timestamp,
                        e.userId().getBytes(StandardCharsets.UTF_8), value), (meta, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, error);
                            }
                        });
                if (asAvro) {
                    avro++;
                } else {
                    json++;
                }
            }
            producer.flush();
            linesRead.accept(read);
        }
        if (failed.get() > 0) { // never lose a record silently: say how many did not make it
            throw new IOException(failed.get() + " records could not be published to " + kafka.bootstrap() + ": "
                    + firstFailure.get().getMessage(), firstFailure.get());
        }
        return new Published(json, avro, skipped);
    }
}
