package dev.episodes.writing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A partition's {@code _manifest.json}: what readers trust instead of directory listings. Counts are
 * dataset-level; there are no per-person figures here by design. {@code scope} names the scope policy
 * (name and SHA-256) that decided which activity could become steps.
 */
public record Manifest(
        @JsonProperty("schema_version") String schemaVersion,
        @JsonProperty("partition") String partition,
        @JsonProperty("run_id") String runId,
        @JsonProperty("input") Map<String, Object> input,
        @JsonProperty("pseudonym_key_id") String pseudonymKeyId,
        @JsonProperty("files") List<FileEntry> files,
        @JsonProperty("totals") Totals totals,
        @JsonProperty("steps_by_action") Map<String, Long> stepsByAction,
        @JsonProperty("redactions_by_kind") Map<String, Long> redactionsByKind,
        @JsonProperty("stats") @JsonInclude(JsonInclude.Include.NON_NULL) PartitionStats stats,
        @JsonProperty("scope") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> scope) {

    /** The scope policy a run used, from its {@code describe()}d configuration (null when not given). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> scopeOf(Map<String, Object> config) {
        Object s = config == null ? null : config.get("scope");
        return s instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** One data file: its path relative to the partition, size, counts, SHA-256 and the pseudonyms in it. */
    public record FileEntry(
            @JsonProperty("path") String path,
            @JsonProperty("table") String table,
            @JsonProperty("size_bytes") long sizeBytes,
            @JsonProperty("row_count") long rowCount,
            @JsonProperty("episode_count") long episodeCount,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("users") List<String> users) {}

    public record Totals(
            @JsonProperty("files") int files,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("steps") long steps,
            @JsonProperty("episodes") long episodes,
            @JsonProperty("redactions") long redactions) {}
}
