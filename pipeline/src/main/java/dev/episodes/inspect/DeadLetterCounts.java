package dev.episodes.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    static DeadLetterCounts read(Store store) throws IOException {
        List<StoreEntry> files = store.list(DatasetLayout.REJECTED).stream()
                .filter(e -> !e.directory() && e.name().endsWith(".jsonl") && !e.name().startsWith(".")).toList();
        long records = 0;
        long bytes = 0;
        Map<String, Long> byReason = new TreeMap<>();
        for (StoreEntry f : files) {
            bytes += f.size();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    store.open(DatasetLayout.REJECTED + "/" + f.name()), StandardCharsets.UTF_8))) {
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
