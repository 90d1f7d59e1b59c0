package dev.episodes.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link Fields} over an object parsed by {@link JsonObjects} (JSON null reads as absent). */
record JsonFields(Map<String, Object> values) implements Fields {

    private Object get(String name) {
        Object v = values.get(name);
        return v == JsonObjects.NULL ? null : v;
    }

    @Override
    public String text(String name) {
        Object v = get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new FieldError(RejectReason.WRONG_TYPE, name);
    }

    @Override
    public Long integral(String name) {
        Object v = get(name);
        if (v == null || v instanceof Long) {
            return (Long) v;
        }
        throw new FieldError(RejectReason.WRONG_TYPE, name);
    }

    @Override
    public Integer int32(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
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
    @SuppressWarnings("unchecked")
    public Fields object(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            return new JsonFields((Map<String, Object>) m);
        }
        throw new FieldError(RejectReason.WRONG_TYPE, name);
    }

    @Override
    public List<String> strings(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> items)) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof String s)) {
                throw new FieldError(RejectReason.WRONG_TYPE, name);
            }
            out.add(s);
        }
        return out;
    }
}
