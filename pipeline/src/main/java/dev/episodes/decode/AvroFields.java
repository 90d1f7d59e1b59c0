package dev.episodes.decode;

import org.apache.avro.generic.GenericRecord;

/** {@link Fields} over an Avro record read with its writer's schema; fields it lacks read as absent. */
final class AvroFields extends ValueFields {
    private final GenericRecord record;

    AvroFields(GenericRecord record) {
        this.record = record;
    }

    @Override
    protected Object value(String name) {
        return record.getSchema().getField(name) == null ? null : record.get(name);
    }

    /** Avro strings are UTF-8 bytes that Avro would decode leniently (U+FFFD): checked strictly first. */
    @Override
    public String text(String name) {
        if (value(name) instanceof org.apache.avro.util.Utf8 u && StrictUtf8.firstInvalid(u.getBytes(), 0, u.getByteLength()) >= 0) {
            throw new FieldError(RejectReason.MALFORMED_AVRO, name + " is not UTF-8");
        }
        return super.text(name);
    }

    @Override
    protected Fields nested(Object value) {
        return value instanceof GenericRecord r ? new AvroFields(r) : null;
    }
}
