package dev.episodes.decode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/** {@link Fields} over an Avro record read with its writer's schema; fields it lacks read as absent. */
record AvroFields(GenericRecord record) implements Fields {

    private Object get(String name) {
        return record.getSchema().getField(name) == null ? null : record.get(name);
    }

    @Override
    public String text(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof CharSequence s)) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        return s.toString();
    }

    @Override
    public Long integral(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        throw new FieldError(RejectReason.WRONG_TYPE, name);
    }

    @Override
    public Integer int32(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        throw new FieldError(RejectReason.WRONG_TYPE, name);
    }

    @Override
    public Boolean bool(String name) {
        return get(name) instanceof Boolean b ? b : null;
    }

    @Override
    public Fields object(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof GenericRecord r)) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        return new AvroFields(r);
    }

    @Override
    public List<String> strings(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Collection<?> c)) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        List<String> out = new ArrayList<>(c.size());
        for (Object item : c) {
            if (!(item instanceof CharSequence s)) {
                throw new FieldError(RejectReason.WRONG_TYPE, name);
            }
            out.add(s.toString());
        }
        return out;
    }
}
