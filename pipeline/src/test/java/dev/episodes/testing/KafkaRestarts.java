package dev.episodes.testing;

import dev.episodes.config.KafkaSettings;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.RawEvent;
import java.io.UncheckedIOException;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the cancel-and-restore streaming tests share: the newest retained checkpoint, and an input that ends every session. */
public final class KafkaRestarts {
    private KafkaRestarts() {}

    /** The four activity topics, dead letters and group of one test, named from {@code prefix}; checkpoints every second. */
    public static KafkaSettings topics(String bootstrap, String prefix, boolean bounded) {
        return new KafkaSettings(bootstrap, prefix + ".keys", prefix + ".mouse", prefix + ".context",
                prefix + ".consent", prefix + ".deadletter", "g" + prefix, "earliest", bounded, Duration.ofSeconds(1));
    }

    /**
     * A job's settings for the cancel-and-restore tests: no generic types; checkpoints under
     * {@code checkpoints} kept when the job is cancelled (as after a kill), unless null; restored from
     * {@code restore}, unless null.
     */
    public static Configuration settings(Path checkpoints, Path restore) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (checkpoints != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (restore != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restore.toString());
        }
        return conf;
    }

    /** The newest complete {@code chk-N} under {@code checkpoints}, or null (none yet, or one removed while walking: look again). */
    public static Path newestCheckpoint(Path checkpoints) throws Exception {
        if (!Files.isDirectory(checkpoints)) {
            return null;
        }
        try (Stream<Path> all = Files.walk(checkpoints, 2)) {
            return all.filter(p -> p.getFileName().toString().startsWith("chk-")
                            && Files.exists(p.resolve("_metadata")))
                    .max((a, b) -> Integer.compare(Integer.parseInt(a.getFileName().toString().substring(4)),
                            Integer.parseInt(b.getFileName().toString().substring(4))))
                    .orElse(null);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return null; // Flink removed a subsumed checkpoint while we walked
            }
            throw e;
        }
    }

    /**
     * Event time only moves with events: a context event an hour after each device's last in {@code corpus},
     * on both partitions of the context topic, lets the last sessions end (context events make no steps).
     */
    public static void publishLaterContextEvents(String bootstrap, KafkaSettings t, Path corpus) throws Exception {
        var decoder = new JsonEventDecoder(new TimeBounds(0, Long.MAX_VALUE));
        Map<String, RawEvent> lastByDevice = new HashMap<>();
        for (String line : Files.readAllLines(corpus)) {
            if (decoder.decode(line) instanceof DecodeResult.Decoded d) {
                lastByDevice.merge(d.event().deviceId(), d.event(), (a, b) -> a.tsUs() >= b.tsUs() ? a : b);
            }
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            int n = 0;
            for (RawEvent last : lastByDevice.values()) {
                for (int partition = 0; partition < 2; partition++) {
                    var later = new ContextEvent("later-" + n++, last.userId(), last.deviceId(),
                            last.tsUs() + 3_600_000_000L, last.seq() + 1, "Idle", "Locked", null, null, null, null, null);
                    byte[] json = JsonEventEncoder.encode(later).getBytes(StandardCharsets.UTF_8);
                    p.send(new ProducerRecord<>(t.contextTopic(), partition,
                            last.userId().getBytes(StandardCharsets.UTF_8), json)).get();
                }
            }
        }
    }
}
