package dev.episodes.flink.source;

import dev.episodes.config.KafkaSettings;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.RecordDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.flink.serialization.PipelineTypes;
import java.time.Instant;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The four activity topics as one {@link KafkaSource}; every record becomes an event or a dead letter. */
public final class KafkaActivitySource {
    private KafkaActivitySource() {}

    public static KafkaSource<DecodeResult> of(KafkaSettings kafka, TimeBounds bounds) {
        return of(kafka, bounds, null);
    }

    /** As {@link #of(KafkaSettings, TimeBounds)}; a bounded run stops at {@code stopping} when given. */
    public static KafkaSource<DecodeResult> of(KafkaSettings kafka, TimeBounds bounds, StoppingOffsets stopping) {
        var builder = KafkaSource.<DecodeResult>builder()
                .setBootstrapServers(kafka.bootstrap())
                .setTopics(kafka.activityTopics())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(startingOffsets(kafka.startingOffsets()))
                .setDeserializer(new Deserializer(new RecordDecoder(bounds, kafka.kindByTopic())))
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (kafka.stopAtLatest()) {
            // Restored from an unbounded run's state, its splits have no stopping offset: wrap it in
            // StopAtLatestOnRestore so such a run still ends.
            builder.setBounded(stopping == null ? OffsetsInitializer.latest() : stopping.initializer());
        } else {
            builder.setProperty("partition.discovery.interval.ms", "60000"); // topics may gain partitions
        }
        return builder.build();
    }

    /**
     * A bounded read of the records stamped in [startMs, stopMs) (consent from the beginning) for
     * time-range replays. Record timestamps are when the recorder sent, not event time: callers widen
     * the range by a slack and filter on the payload's time.
     */
    public static KafkaSource<DecodeResult> range(KafkaSettings kafka, TimeBounds bounds, long startMs, long stopMs) {
        return KafkaSource.<DecodeResult>builder()
                .setBootstrapServers(kafka.bootstrap())
                .setTopics(kafka.activityTopics())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(new RangeStartOffsets(kafka.consentTopic(), startMs))
                .setBounded(OffsetsInitializer.timestamp(stopMs))
                .setDeserializer(new Deserializer(new RecordDecoder(bounds, kafka.kindByTopic())))
                .setProperty("commit.offsets.on.checkpoint", "false") // a replay must not move the live job's group
                .build();
    }

    static OffsetsInitializer startingOffsets(String mode) {
        Instant at = KafkaSettings.startingInstant(mode);
        if (at != null) {
            return OffsetsInitializer.timestamp(at.toEpochMilli());
        }
        return switch (mode) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    /** Decodes a record value (JSON or Avro single-object); never throws on bad input. */
    static final class Deserializer implements KafkaRecordDeserializationSchema<DecodeResult> {
        private static final long serialVersionUID = 1L;
        private final RecordDecoder decoder;

        Deserializer(RecordDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {}

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DecodeResult> out) {
            DecodeResult r = decoder.decode(record.topic(), record.value());
            if (r instanceof DecodeResult.Rejected rej) {
                var dl = rej.deadLetter();
                out.collect(new DecodeResult.Rejected(dl.from(new dev.episodes.decode.DeadLetter.TopicRecord(
                        record.topic(), record.partition(), record.offset()))));
            } else {
                out.collect(r);
            }
        }

        @Override
        public TypeInformation<DecodeResult> getProducedType() {
            return PipelineTypes.DECODE_RESULT;
        }
    }
}
