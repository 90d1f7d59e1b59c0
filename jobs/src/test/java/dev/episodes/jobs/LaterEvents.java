package dev.episodes.jobs;

import dev.episodes.config.KafkaSettings;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An unbounded job closes an episode only when event time passes its end, and event time moves only
 * with events, per partition. These are events an hour after a corpus, one on every partition of every
 * topic, that make no step (a context, a pointer move, a key release, a consent grant): once read, every
 * episode of the corpus can end. They are appended to the file the reference replay reads.
 */
final class LaterEvents {
    private static final long HOUR_US = 3_600_000_000L;

    private LaterEvents() {}

    static void publish(Path corpus, KafkaSettings topics, Path replayFile, String idPrefix)
            throws IOException, ExecutionException, InterruptedException {
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(0, Long.MAX_VALUE));
        RawEvent last = null;
        for (String line : Files.readAllLines(corpus)) {
            if (decoder.decode(line) instanceof DecodeResult.Decoded d && (last == null || d.event().tsUs() > last.tsUs())) {
                last = d.event();
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("no event in " + corpus);
        }
        long ts = last.tsUs() + HOUR_US;
        List<String> lines = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrap()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            int n = 0;
            for (RawEvent.Kind kind : RawEvent.Kind.values()) {
                String topic = topics.topicOf(kind);
                for (int partition = 0; partition < producer.partitionsFor(topic).size(); partition++, n++) {
                    RawEvent e = event(kind, idPrefix + "-" + n, last, ts, last.seq() + 1 + n);
                    String json = JsonEventEncoder.encode(e);
                    // Stamped with event time, like every published record: time-range replays find
                    // their offsets by record timestamps.
                    producer.send(new ProducerRecord<>(topic, partition, Math.floorDiv(ts, 1000),
                            e.userId().getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8))).get();
                    lines.add(json);
                }
            }
        }
        Files.write(replayFile, lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private static RawEvent event(RawEvent.Kind kind, String id, RawEvent last, long ts, long seq) {
        return switch (kind) {
            case CONTEXT -> new ContextEvent(id, last.userId(), last.deviceId(), ts, seq, "Idle", "Locked", null, null,
                    null, null, null);
            case MOUSE -> new MouseEvent(id, last.userId(), last.deviceId(), ts, seq, MouseEvent.Action.MOVE, 10, 10,
                    null, 0, 0);
            case KEY -> new KeyEvent(id, last.userId(), last.deviceId(), ts, seq, false, "Shift", "ShiftLeft", 0);
            case CONSENT -> new ConsentEvent(id, last.userId(), "", ts, seq, true);
        };
    }
}
