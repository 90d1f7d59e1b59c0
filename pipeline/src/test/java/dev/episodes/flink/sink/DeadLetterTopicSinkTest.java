package dev.episodes.flink.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.episodes.testing.RecordedMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTopicSinkTest {
    @Test
    void countsWhatItHandsToTheProducerAndLetsTheBrokerStampTheTime() {
        RecordedMetrics g = new RecordedMetrics();
        DeadLetterTopicSink.Records records = new DeadLetterTopicSink.Records("activity.deadletter");
        records.open(new SerializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return g;
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                throw new UnsupportedOperationException();
            }
        }, null);
        ProducerRecord<byte[], byte[]> r = records.serialize("{\"reason\":\"late\"}", null, 4_102_444_800_000L);
        records.serialize("{\"reason\":\"late\"}", null, null);
        assertEquals("activity.deadletter", r.topic());
        assertNull(r.timestamp(), "the broker stamps it (an event time in 2100 would be refused)");
        assertEquals("{\"reason\":\"late\"}", new String(r.value(), StandardCharsets.UTF_8));
        assertEquals(2, g.count("deadLettersPublished"));
        assertEquals(true, g.all().containsKey("deadLettersPublishedPerSecond"));
    }
}
