package dev.episodes.decode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@link Fields} over a record whose values are plain Java objects, whatever the encoding decoded them:
 * text is any {@link CharSequence} (Avro's Utf8 too), integers are {@code Long} or {@code Integer},
 * arrays are collections. Subclasses only say how a field is looked up and what a nested record is.
 */
abstract class ValueFields implements Fields {

    /** The field's value, or null when absent or null. */
    protected abstract Object value(String name);

    /** A nested record as {@link Fields}, or null when {@code value} is not a record. */
    protected abstract Fields nested(Object value);

    @Override
    public String text(String name) {
        Object v = value(name);
        if (v == null) {
            return null;
        }
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        throw new FieldError(RejectReason.WRONG_TYPE, name);
    }

    @Override
    public Long integral(String name) {
        Object v = value(name);
        if (v == null || v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        throw new FieldError(RejectReason.WRONG_TYPE, name);
    }

    @Override
    public Integer int32(String name) {
        Object v = value(name);
        if (v == null || v instanceof Integer) {
            return (Integer) v;
        }
        if (v instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        throw new FieldError(RejectReason.WRONG_TYPE, name);
    }

    @Override
    public Boolean bool(String name) {
        return value(name) instanceof Boolean b ? b : null;
    }

    @Override
    public Fields object(String name) {
        Object v = value(name);
        if (v == null) {
            return null;
        }
        Fields f = nested(v);
        if (f == null) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        return f;
    }

    @Override
    public List<String> strings(String name) {
        Object v = value(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Collection<?> items)) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof CharSequence s)) {
                throw new FieldError(RejectReason.WRONG_TYPE, name);
            }
            out.add(s.toString());
        }
        return out;
    }
}
