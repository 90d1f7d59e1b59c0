package dev.episodes.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Dead letters kept under {@code _private/rejected/}, counted by reason. Only reasons are read: the
 * records there are redacted, but with {@code --keep-raw-dead-letters} they hold raw personal data, and
 * never reach the report. A streaming job sends its dead letters to a
 * topic instead, so a dataset it built has none here.
 */
public record DeadLetterCounts(int files, long records, long bytes, Map<String, Long> byReason) {

    public DeadLetterCounts {
        byReason = new TreeMap<>(byReason);
    }

    static DeadLetterCounts read(Path root) throws IOException {
        Path dir = root.resolve(DatasetLayout.REJECTED);
        if (!Files.isDirectory(dir)) {
            return new DeadLetterCounts(0, 0, 0, Map.of());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        long records = 0;
        long bytes = 0;
        Map<String, Long> byReason = new TreeMap<>();
        for (Path f : files) {
            bytes += Files.size(f);
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) {
                        records++;
                        byReason.merge(reason(line), 1L, Long::sum);
                    }
                }
            }
        }
        return new DeadLetterCounts(files.size(), records, bytes, byReason);
    }

    private static String reason(String line) {
        try {
            JsonNode reason = Json.MAPPER.readTree(line).get("reason");
            return reason == null ? "unknown" : reason.asText();
        } catch (IOException notJson) {
            return "unreadable";
        }
    }
}
