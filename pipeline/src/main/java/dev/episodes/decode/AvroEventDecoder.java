package dev.episodes.decode;

import dev.episodes.schema.raw.ConsentEvent;
import dev.episodes.schema.raw.ContextEvent;
import dev.episodes.schema.raw.KeyEvent;
import dev.episodes.schema.raw.MouseEvent;
import java.io.IOException;
import java.io.Serializable;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes Avro single-object encoding (raw-events.md): {@code C3 01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer schema, then Avro binary. Writer schemas are resolved by
 * fingerprint from the ones this project publishes (and any registered with {@link #register}); an
 * unknown fingerprint is a dead letter, never a crash. Not thread-safe: one per operator instance.
 */
public final class AvroEventDecoder implements Serializable {
    private static final long serialVersionUID = 1L;
    static final byte MAGIC_0 = (byte) 0xC3;
    static final byte MAGIC_1 = (byte) 0x01;
    private static final int HEADER = 10;

    private final TimeBounds bounds;
    private final Map<Long, String> writerSchemas = new HashMap<>(); // JSON text: Schema is not Serializable
    private transient Map<Long, GenericDatumReader<GenericRecord>> readers;
    private transient BinaryDecoder decoder;

    public AvroEventDecoder(TimeBounds bounds) {
        this.bounds = bounds;
        for (Schema s : new Schema[] {KeyEvent.getClassSchema(), MouseEvent.getClassSchema(),
                ContextEvent.getClassSchema(), ConsentEvent.getClassSchema()}) {
            register(s);
        }
        for (String old : EARLIER) {
            register(earlier(old));
        }
    }

    /** Writer schemas this project published before (recorders built against them still send them). */
    private static final String[] EARLIER = {"ConsentEvent-1.avsc"}; // before until_ts_us

    private static Schema earlier(String name) {
        try (var in = AvroEventDecoder.class.getResourceAsStream("published/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing published schema " + name);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Accepts records written with this schema (an older or newer compatible version of a raw event). */
    public AvroEventDecoder register(Schema writer) {
        writerSchemas.put(SchemaNormalization.parsingFingerprint64(writer), writer.toString());
        readers = null;
        return this;
    }

    public static boolean isSingleObject(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == MAGIC_0 && bytes[1] == MAGIC_1;
    }

    public DecodeResult decode(byte[] bytes) {
        if (!isSingleObject(bytes) || bytes.length < HEADER) {
            return EventBuilder.reject(RejectReason.MALFORMED_AVRO, "not Avro single-object encoding", base64(bytes));
        }
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint |= (bytes[2 + i] & 0xFFL) << (8 * i);
        }
        GenericDatumReader<GenericRecord> reader = reader(fingerprint);
        if (reader == null) {
            return EventBuilder.reject(RejectReason.UNKNOWN_SCHEMA,
                    "no registered writer schema has the record's fingerprint", base64(bytes));
        }
        GenericRecord record;
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, decoder);
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            // Avro's messages can quote values read from the record: only the kind of failure is kept.
            return EventBuilder.reject(RejectReason.MALFORMED_AVRO, "the body cannot be read with its writer schema ("
                    + e.getClass().getSimpleName() + ")", base64(bytes));
        }
        return EventBuilder.build(new AvroFields(record), bounds, base64(bytes));
    }

    private GenericDatumReader<GenericRecord> reader(long fingerprint) {
        if (readers == null) {
            readers = new HashMap<>();
        }
        GenericDatumReader<GenericRecord> r = readers.get(fingerprint);
        if (r == null) {
            String schema = writerSchemas.get(fingerprint);
            if (schema == null) {
                return null;
            }
            r = new GenericDatumReader<>(new Schema.Parser().parse(schema)) {
                @Override
                protected Object readString(Object old, Schema expected, org.apache.avro.io.Decoder in)
                        throws java.io.IOException {
                    // The bytes as sent (Utf8), not a String decoded leniently: AvroFields checks them first.
                    return in.readString(null);
                }
            };
            readers.put(fingerprint, r);
        }
        return r;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
