package dev.episodes.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.episodes.event.RawEvent;
import dev.episodes.testing.Events;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
    private static final Map<String, RawEvent.Kind> TOPICS = Map.of("activity.keys", RawEvent.Kind.KEY,
            "activity.mouse", RawEvent.Kind.MOUSE, "activity.context", RawEvent.Kind.CONTEXT,
            "activity.consent", RawEvent.Kind.CONSENT);
    private final RecordDecoder decoder = new RecordDecoder(new TimeBounds(TimeBounds.Y2000_US, Long.MAX_VALUE), TOPICS);

    private static String topic(RawEvent e) {
        return switch (e.kind()) {
            case KEY -> "activity.keys";
            case MOUSE -> "activity.mouse";
            case CONTEXT -> "activity.context";
            case CONSENT -> "activity.consent";
        };
    }

    private static List<RawEvent> events() {
        List<RawEvent> list = new java.util.ArrayList<>(Events.script()
                .context(0, "Chrome", "Inbox", "textbox", "Password", true).click(10, -5, 7).wheel(20, 1, -120)
                .press(30, "a", 5).list());
        list.add(new dev.episodes.event.ConsentEvent("c1", "u-1", "", Events.us(40), 0, false));
        list.add(new dev.episodes.event.ConsentEvent("c3", "u-1", "", Events.us(45), 0, false, Events.us(46))); // a pause
        list.add(new dev.episodes.event.ContextEvent("c2", "u-1", "d-1", Events.us(50), 9, "Terminal", "zsh", null,
                null, null, null, null));
        return list;
    }

    @Test
    void avroSingleObjectAndJsonDecodeToTheSameEvents() {
        for (RawEvent e : events()) {
            DecodeResult avro = decoder.decode(topic(e), AvroEventEncoder.encode(e));
            DecodeResult json = decoder.decode(topic(e), JsonEventEncoder.encode(e).getBytes(StandardCharsets.UTF_8));
            assertEquals(new DecodeResult.Decoded(e), avro);
            assertEquals(new DecodeResult.Decoded(e), json);
        }
    }

    @Test
    void anUnknownFingerprintIsADeadLetterWithTheBytes() {
        byte[] bytes = AvroEventEncoder.encode(events().get(0));
        bytes[5] ^= 0x5A; // another schema's fingerprint
        DeadLetter dl = assertInstanceOf(DecodeResult.Rejected.class, decoder.decode("activity.context", bytes))
                .deadLetter();
        assertEquals("unknown_schema", dl.reason().wire());
        assertEquals(Base64.getEncoder().encodeToString(bytes), dl.raw());
    }

    @Test
    void truncatedAvroGarbageAndWrongTopicsAreDeadLetters() {
        byte[] bytes = AvroEventEncoder.encode(events().get(0));
        byte[] truncated = java.util.Arrays.copyOf(bytes, 14);
        assertEquals("malformed_avro", reason(decoder.decode("activity.context", truncated)));
        assertEquals("unknown_encoding", reason(decoder.decode("activity.keys", new byte[] {0, 1, 2})));
        assertEquals("malformed_json", reason(decoder.decode("activity.keys", "{oops".getBytes(StandardCharsets.UTF_8))));
        assertEquals("wrong_topic", reason(decoder.decode("activity.keys", bytes)));
        assertEquals("empty_line", reason(decoder.decode("activity.keys", new byte[0])));
    }

    @Test
    void aNewerCompatibleWriterSchemaIsResolvedOnceRegistered() throws Exception {
        Schema v1 = dev.episodes.schema.raw.ConsentEvent.getClassSchema();
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("ConsentEvent")
                .namespace("dev.episodes.schema.raw").fields();
        for (Schema.Field f : v1.getFields()) {
            fields = fields.name(f.name()).type(f.schema()).noDefault();
        }
        Schema v2 = fields.name("source").type().stringType().stringDefault("hr-portal").endRecord();
        GenericRecord r = new GenericData.Record(v2);
        for (Schema.Field f : v1.getFields()) {
            r.put(f.name(), switch (f.name()) {
                case "kind" -> "consent";
                case "event_id" -> "c9";
                case "user_id" -> "u-7";
                case "device_id" -> "";
                case "ts_us" -> Events.us(0);
                case "seq" -> 0L;
                case "until_ts_us" -> Events.us(9);
                default -> "granted";
            });
        }
        r.put("source", "hr-portal");
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(r).array();
        assertEquals("unknown_schema", reason(decoder.decode("activity.consent", bytes)));
        decoder.avro().register(v2);
        RawEvent e = assertInstanceOf(DecodeResult.Decoded.class, decoder.decode("activity.consent", bytes)).event();
        assertEquals("c9", e.eventId());
    }

    /** A consent system built against the schema before {@code until_ts_us}: its revokes have no end. */
    @Test
    void theConsentSchemaPublishedBeforePausesStillDecodes() throws Exception {
        Schema before;
        try (var in = AvroEventDecoder.class.getResourceAsStream("published/ConsentEvent-1.avsc")) {
            before = new Schema.Parser().parse(in);
        }
        assertEquals(null, before.getField("until_ts_us"));
        GenericRecord r = new GenericData.Record(before);
        r.put("kind", "consent");
        r.put("event_id", "c8");
        r.put("user_id", "u-7");
        r.put("device_id", "");
        r.put("ts_us", Events.us(0));
        r.put("seq", 0L);
        r.put("status", "revoked");
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), before).encode(r).array();
        var e = assertInstanceOf(dev.episodes.event.ConsentEvent.class,
                assertInstanceOf(DecodeResult.Decoded.class, decoder.decode("activity.consent", bytes)).event());
        assertEquals(false, e.granted());
        assertEquals(dev.episodes.event.ConsentEvent.NO_END, e.untilTsUs());
    }

    private static String reason(DecodeResult r) {
        return assertInstanceOf(DecodeResult.Rejected.class, r).deadLetter().reason().wire();
    }

    @Test
    void jsonBytesThatAreNotUtf8AreADeadLetterWithTheBytes() {
        byte[] line = JsonEventEncoder.encode(events().get(0)).getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(line, line.length);
        int at = new String(line, StandardCharsets.UTF_8).indexOf("Chrome");
        bad[at] = (byte) 0xC3; // a two-byte lead followed by an ASCII byte: not UTF-8
        DeadLetter dl = assertInstanceOf(DecodeResult.Rejected.class, decoder.decode("activity.context", bad))
                .deadLetter();
        assertEquals("malformed_json", dl.reason().wire(), "decoded from the bytes, not silently replaced");
        assertEquals(AvroEventDecoder.base64(bad), dl.raw());
    }

    @Test
    void avroStringsThatAreNotUtf8AreADeadLetterNotReplaced() {
        RawEvent context = events().get(0);
        byte[] bytes = AvroEventEncoder.encode(context);
        byte[] title = "Inbox".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bytes, title);
        bytes[at + 1] = (byte) 0xC0; // an overlong lead byte inside the string, its length unchanged
        DeadLetter dl = assertInstanceOf(DecodeResult.Rejected.class, decoder.decode("activity.context", bytes))
                .deadLetter();
        assertEquals("malformed_avro", dl.reason().wire());
        assertEquals("window_title is not UTF-8", dl.detail());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
