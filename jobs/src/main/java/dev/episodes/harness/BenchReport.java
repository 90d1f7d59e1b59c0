package dev.episodes.harness;

import dev.episodes.writing.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The harness's results: a table for people, the same figures as JSON for tools and the README. */
final class BenchReport {
    private record Row(String label, String value, String unit, String note) {}

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    void put(String key, Object value) {
        json.put(key, value);
    }

    /** A figure both in the table and in the JSON. */
    void figure(String key, String label, double value, String unit, String note) {
        json.put(key, value >= 100 ? (Object) Math.round(value) : Math.round(value * 1000) / 1000.0);
        String shown = value >= 100 ? String.format("%,.0f", value) : String.format("%,.3f", value);
        rows.add(new Row(label, shown, unit, note == null ? "" : note));
    }

    void section(String title) {
        rows.add(new Row("-- " + title, "", "", ""));
    }

    void print(PrintStream out) {
        out.println();
        for (Row r : rows) {
            if (r.value().isEmpty()) {
                out.println(r.label());
            } else {
                out.printf("  %-46s %14s %-12s %s%n", r.label(), r.value(), r.unit(), r.note());
            }
        }
    }

    void write(Path file) throws IOException {
        Json.writeAtomically(file, json);
    }
}
