package dev.episodes.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSON object with Jackson's streaming parser into plain maps, lists and scalars: the
 * decoder needs a handful of fields per line, and Jackson's tree model (node types, linked maps,
 * type resolution per call) cost more than the parsing itself. Duplicate keys are refused, as before,
 * through the map itself (the parser's own detector kept a second set per object).
 */
final class JsonObjects {
    // Jackson refuses strings over 20 MB by default; a line may be up to ArchiveLines.MAX_LINE_BYTES (its
    // long strings are then cut to their field limits), so the parser must accept what the reader does.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(dev.episodes.archive.ArchiveLines.MAX_LINE_BYTES).build())
            .build();

    /** A JSON integer too large for a long: present, but never a valid integral field. */
    static final Object BIG_INTEGER = new Object();

    /** JSON null: kept in the map so a duplicate key is seen, read as absent. */
    static final Object NULL = new Object();

    private JsonObjects() {}

    /** The parsed top-level value: a {@code Map} for an object, otherwise the name of the JSON type it is. */
    static Object parse(String json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return top(p);
        }
    }

    /** The same from UTF-8 bytes (Kafka records): no String of the whole record is made. */
    static Object parse(byte[] utf8) throws IOException {
        return parse(utf8, 0, utf8.length);
    }

    /** The same from a slice of UTF-8 bytes (an archive line without its BOM or line end). */
    static Object parse(byte[] utf8, int from, int to) throws IOException {
        try (JsonParser p = FACTORY.createParser(utf8, from, to - from)) {
            return top(p);
        }
    }

    /** Anything but whitespace after the top-level object: the line holds more than one record. */
    static final class TrailingData extends IOException {
        private static final long serialVersionUID = 1L;

        TrailingData(String message) {
            super(message, null);
        }
    }

    /** A field name twice in one object. */
    static final class DuplicateField extends JsonParseException {
        private static final long serialVersionUID = 1L;

        DuplicateField(JsonParser p) {
            super(p, "a field name appears twice in one object");
        }
    }

    /** Our own messages hold no input; any other reader error is described without its text. */
    static String describe(IOException e) {
        String m = e.getMessage();
        return m != null && (m.startsWith("unexpected ") || m.startsWith("more than") || m.startsWith("a second"))
                ? m : "not valid JSON";
    }

    private static Object top(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return "empty";
        }
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return typeName(t);
        }
        Map<String, Object> fields = object(p);
        JsonToken next;
        try {
            next = p.nextToken();
        } catch (JsonParseException e) {
            throw new TrailingData("more than whitespace after the object (one object per line)");
        }
        if (next != null) {
            throw new TrailingData("a second JSON value after the object (one object per line)");
        }
        return fields;
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (fields.put(name, value(p, p.nextToken())) != null) {
                throw new DuplicateField(p); // not naming it: a field name is input too
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("unexpected " + p.currentToken());
        }
        return fields;
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? BIG_INTEGER : p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new IOException("unexpected " + t);
        };
    }

    private static List<Object> array(JsonParser p) throws IOException {
        List<Object> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("unexpected end of input in array");
            }
            items.add(value(p, t));
        }
        return items;
    }

    private static String typeName(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "ARRAY";
            case VALUE_STRING -> "STRING";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
            case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
            case VALUE_NULL -> "NULL";
            default -> t.name();
        };
    }
}
