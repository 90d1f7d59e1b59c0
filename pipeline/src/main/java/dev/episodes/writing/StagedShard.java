package dev.episodes.writing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shard already written whole under its final, unique name in its partition but not yet named by a
 * manifest: its steps and episodes entries (and frames entry, when it has frames: size, counts, SHA-256;
 * its three files are committed in one manifest version or not at all), its audit file (dataset-relative,
 * null when it redacted nothing) and its counts. What a writer hands to the commit: the unit of
 * exactly-once publishing for the streaming job, and what a bounded build's writers report to its
 * publisher (no stats files, no listing).
 */
public record StagedShard(
        @JsonProperty("partition") String partition,
        @JsonProperty("files") List<Manifest.FileEntry> files,
        @JsonProperty("audit") @JsonInclude(JsonInclude.Include.NON_NULL) String audit,
        @JsonProperty("steps_by_action") Map<String, Long> stepsByAction,
        @JsonProperty("redactions_by_kind") Map<String, Long> redactionsByKind) {

    public StagedShard {
        files = List.copyOf(files);
        stepsByAction = new TreeMap<>(stepsByAction == null ? Map.of() : stepsByAction);
        redactionsByKind = new TreeMap<>(redactionsByKind == null ? Map.of() : redactionsByKind);
    }

    /** The steps file (relative to the partition). */
    public String stepsFile() {
        return files.stream().filter(f -> f.table().equals(DatasetLayout.STEPS)).findFirst().orElseThrow().path();
    }

    /** Every key this shard wrote, relative to the dataset root. */
    public List<String> keys() {
        List<String> out = new java.util.ArrayList<>();
        files.forEach(f -> out.add(partition + "/" + f.path()));
        if (audit != null) {
            out.add(audit);
        }
        return out;
    }
}
