package dev.episodes.decode;

import dev.episodes.event.RawEvent;
import java.io.Serializable;
import java.util.Map;

/**
 * Decodes a Kafka record value of either encoding the contract allows (JSON object, Avro single-object),
 * and checks it arrived on its kind's topic. Not thread-safe: one per operator instance.
 */
public final class RecordDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final JsonEventDecoder json;
    private final AvroEventDecoder avro;
    private final Map<String, RawEvent.Kind> kindByTopic;

    public RecordDecoder(TimeBounds bounds, Map<String, RawEvent.Kind> kindByTopic) {
        this.json = new JsonEventDecoder(bounds);
        this.avro = new AvroEventDecoder(bounds);
        this.kindByTopic = Map.copyOf(kindByTopic);
    }

    public AvroEventDecoder avro() {
        return avro;
    }

    public DecodeResult decode(String topic, byte[] value) {
        if (value == null || value.length == 0) {
            return EventBuilder.reject(RejectReason.EMPTY_LINE, "empty record on " + topic, "");
        }
        DecodeResult r;
        if (value[0] == '{') {
            r = json.decode(value);
            if (r instanceof DecodeResult.Rejected rej) { // Kafka dead letters carry the bytes, base64
                DeadLetter d = rej.deadLetter();
                return new DecodeResult.Rejected(DeadLetter.of(d.reason(), d.detail(), AvroEventDecoder.base64(value),
                        d.userId(), d.tsUs()));
            }
        } else if (AvroEventDecoder.isSingleObject(value)) {
            r = avro.decode(value);
        } else {
            return EventBuilder.reject(RejectReason.UNKNOWN_ENCODING,
                    "neither a JSON object nor Avro single-object encoding", AvroEventDecoder.base64(value));
        }
        if (r instanceof DecodeResult.Decoded d) {
            RawEvent.Kind expected = kindByTopic.get(topic);
            if (expected != null && expected != d.event().kind()) {
                return new DecodeResult.Rejected(DeadLetter.of(RejectReason.WRONG_TOPIC, d.event().kind().wire()
                        + " event on " + topic, AvroEventDecoder.base64(value), d.event().userId(), d.event().tsUs()));
            }
        }
        return r;
    }
}
