package dev.episodes.decode;

import java.util.Map;

/** {@link Fields} over an object parsed by {@link JsonObjects} (JSON null reads as absent). */
final class JsonFields extends ValueFields {
    private final Map<String, Object> values;

    JsonFields(Map<String, Object> values) {
        this.values = values;
    }

    @Override
    protected Object value(String name) {
        Object v = values.get(name);
        return v == JsonObjects.NULL ? null : v;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Fields nested(Object value) {
        return value instanceof Map<?, ?> m ? new JsonFields((Map<String, Object>) m) : null;
    }
}
