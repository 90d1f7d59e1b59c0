package dev.episodes.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.storage.Store;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import java.io.IOException;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code _meta/info.json} says about the dataset as a whole: the last run's schema version,
 * pseudonym key id and configuration. Partitions carry their own key id in their manifests.
 */
public record DatasetInfo(String schemaVersion, String pseudonymKeyId, String lastRunId, Map<String, Object> config) {

    public DatasetInfo {
        config = config == null ? Map.of() : new TreeMap<>(config);
    }

    /** The info of a dataset root, or null when it has none. */
    static DatasetInfo read(Store store) throws IOException {
        Optional<byte[]> file = store.read(DatasetLayout.META + "/" + DatasetLayout.INFO);
        if (file.isEmpty()) {
            return null;
        }
        JsonNode n = Json.MAPPER.readTree(file.get());
        @SuppressWarnings("unchecked")
        Map<String, Object> config = n.has("config") ? Json.MAPPER.convertValue(n.get("config"), Map.class) : Map.of();
        return new DatasetInfo(text(n, "schema_version"), text(n, "pseudonym_key_id"), text(n, "last_run_id"), config);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
