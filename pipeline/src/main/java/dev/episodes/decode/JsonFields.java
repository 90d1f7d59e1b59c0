package dev.episodes.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@link Fields} over a Jackson object node. */
record JsonFields(JsonNode node) implements Fields {

    private JsonNode get(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    @Override
    public String text(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        return v.textValue();
    }

    @Override
    public Long integral(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        return v.longValue();
    }

    @Override
    public Integer int32(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        return v.intValue();
    }

    @Override
    public Boolean bool(String name) {
        JsonNode v = get(name);
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }

    @Override
    public Fields object(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        return new JsonFields(v);
    }

    @Override
    public List<String> strings(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw new FieldError(RejectReason.WRONG_TYPE, name);
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new FieldError(RejectReason.WRONG_TYPE, name);
            }
            out.add(item.textValue());
        }
        return out;
    }
}
