package dev.episodes.flink.sink;

import dev.episodes.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;

/**
 * Dead letters of the streaming job on the dead-letter topic, in the same redacted JSON form as the files
 * of {@code _private/rejected/} (see {@code DeadLetterRedaction}; raw bytes only with
 * {@code --keep-raw-dead-letters}). At least once. Counted as {@code deadLettersPublished}; the Kafka
 * sink's own {@code numRecordsSendErrors} counts what the broker refused.
 */
public final class DeadLetterTopicSink {
    private DeadLetterTopicSink() {}

    /**
     * Records without a timestamp of their own: the broker stamps them. A dead letter's stream timestamp
     * can be its (absurd) event time, e.g. year 2100, which the broker would refuse, failing the job.
     */
    static final class Records implements KafkaRecordSerializationSchema<String> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private transient Counter published;

        Records(String topic) {
            this.topic = topic;
        }

        /** {@code deadLettersPublished} (handed to the producer) and its {@code deadLettersPublishedPerSecond}. */
        @Override
        public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
            published = context.getMetricGroup().counter("deadLettersPublished");
            context.getMetricGroup().meter("deadLettersPublishedPerSecond", new MeterView(published));
        }

        @Override
        public org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> serialize(String dl,
                KafkaSinkContext context, Long timestamp) {
            if (published != null) {
                published.inc();
            }
            return new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null, null, null,
                    dl.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A named class, not a lambda: Flink must see the schema's type. */
    static final class Json implements SerializationSchema<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(String dl) {
            return dl.getBytes(StandardCharsets.UTF_8);
        }
    }

    public static KafkaSink<String> of(KafkaSettings kafka) {
        return KafkaSink.<String>builder()
                .setBootstrapServers(kafka.bootstrap())
                .setRecordSerializer(new Records(kafka.deadLetterTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
