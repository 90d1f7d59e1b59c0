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

    @Override
    protected Fields nested(Object value) {
        return value instanceof GenericRecord r ? new AvroFields(r) : null;
    }
}
