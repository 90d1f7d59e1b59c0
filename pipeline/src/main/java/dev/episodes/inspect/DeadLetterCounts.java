package dev.episodes.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.decode.RejectReason;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Dead letters kept under {@code _private/rejected/}, counted by reason. Only reasons are read: the
 * records there are redacted, but with {@code --keep-raw-dead-letters} they hold raw personal data, and
 * never reach the report. A streaming job sends its dead letters to a
 * topic instead, so a dataset it built has none here.
 */
public record DeadLetterCounts(int files, long records, long bytes, Map<String, Long> byReason) {
    /** The bucket of reasons that are none of {@link RejectReason}'s wire names (an older build, a hand edit). */
    public static final String OTHER = "other";
    private static final Set<String> KNOWN = Arrays.stream(RejectReason.values()).map(RejectReason::wire)
            .collect(Collectors.toUnmodifiableSet());

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

    /** A dead letter's reason when it is one we write, else "other": the file's string never reaches a report. */
    static String reason(String line) {
        try {
            JsonNode reason = Json.MAPPER.readTree(line).get("reason");
            if (reason == null) {
                return "unknown";
            }
            return reason.isTextual() && KNOWN.contains(reason.asText()) ? reason.asText() : OTHER;
        } catch (IOException notJson) {
            return "unreadable";
        }
    }
}
