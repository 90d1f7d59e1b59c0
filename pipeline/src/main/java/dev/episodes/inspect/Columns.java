package dev.episodes.inspect;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Column values of a generic Parquet row as Java values: Avro hands strings over as {@code Utf8} and
 * lists as its own arrays. A column the file lacks reads as null, so older files still show.
 */
final class Columns {
    private Columns() {}

    static String text(GenericRecord r, String column) {
        Object v = r.hasField(column) ? r.get(column) : null;
        return v == null ? null : v.toString();
    }

    static Integer integer(GenericRecord r, String column) {
        Object v = r.hasField(column) ? r.get(column) : null;
        return v == null ? null : ((Number) v).intValue();
    }

    static long number(GenericRecord r, String column) {
        Object v = r.hasField(column) ? r.get(column) : null;
        if (v == null) {
            throw new IllegalStateException("column " + column + " is missing or null");
        }
        return ((Number) v).longValue();
    }

    static List<String> texts(GenericRecord r, String column) {
        Object v = r.hasField(column) ? r.get(column) : null;
        List<String> out = new ArrayList<>();
        if (v instanceof Iterable<?> items) {
            for (Object item : items) {
                out.add(String.valueOf(item));
            }
        }
        return out;
    }
}
