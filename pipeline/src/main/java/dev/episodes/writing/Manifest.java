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
        @JsonProperty("scope") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> scope,
        @JsonProperty("version") long version,
        @JsonProperty("retired") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Retired> retired,
        @JsonProperty("audit") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> audit,
        @JsonProperty("frames_failed") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> framesFailed) {

    public Manifest {
        retired = retired == null ? List.of() : List.copyOf(retired);
        audit = audit == null ? List.of() : List.copyOf(audit);
        framesFailed = new java.util.TreeMap<>(framesFailed == null ? Map.of() : framesFailed); // absent in 1.0
    }

    /** A manifest whose failed frames are those its steps files record (1.0: none). */
    public Manifest(String schemaVersion, String partition, String runId, Map<String, Object> input,
            String pseudonymKeyId, List<FileEntry> files, Totals totals, Map<String, Long> stepsByAction,
            Map<String, Long> redactionsByKind, PartitionStats stats, Map<String, Object> scope, long version,
            List<Retired> retired, List<String> audit) {
        this(schemaVersion, partition, runId, input, pseudonymKeyId, files, totals, stepsByAction, redactionsByKind,
                stats, scope, version, retired, audit, framesFailed(files));
    }

    /** A manifest before the commit protocol numbers it (version 0, nothing retired, no audit files). */
    public Manifest(String schemaVersion, String partition, String runId, Map<String, Object> input,
            String pseudonymKeyId, List<FileEntry> files, Totals totals, Map<String, Long> stepsByAction,
            Map<String, Long> redactionsByKind, PartitionStats stats, Map<String, Object> scope) {
        this(schemaVersion, partition, runId, input, pseudonymKeyId, files, totals, stepsByAction, redactionsByKind,
                stats, scope, 0, List.of(), List.of());
    }

    /**
     * The one way a manifest is made: totals are computed from the file entries (steps files count the
     * steps and episodes, frames files the frames; failed frames are summed from the steps files' entries),
     * redaction totals from the counts by kind.
     */
    public static Manifest of(String partition, String runId, Map<String, Object> input, String keyId,
            List<FileEntry> files, Map<String, Long> stepsByAction, Map<String, Long> redactionsByKind,
            PartitionStats stats, Map<String, Object> scope, List<String> audit) {
        long bytes = files.stream().mapToLong(FileEntry::sizeBytes).sum();
        long steps = files.stream().filter(f -> f.table().equals(DatasetLayout.STEPS)).mapToLong(FileEntry::rowCount).sum();
        long episodes = files.stream().filter(f -> f.table().equals(DatasetLayout.STEPS))
                .mapToLong(FileEntry::episodeCount).sum();
        Map<String, Long> byAction = new java.util.TreeMap<>(stepsByAction);
        byAction.values().removeIf(v -> v <= 0);
        Map<String, Long> byKind = new java.util.TreeMap<>(redactionsByKind);
        byKind.values().removeIf(v -> v <= 0);
        long redactions = byKind.values().stream().mapToLong(Long::longValue).sum();
        long frames = files.stream().filter(f -> f.table().equals(DatasetLayout.FRAMES)).mapToLong(FileEntry::rowCount)
                .sum();
        List<FileEntry> sorted = new java.util.ArrayList<>(files);
        // Steps files first, then episodes, then frames, each by name: the order readers and reports list them in.
        sorted.sort(java.util.Comparator.comparingInt((FileEntry f) -> tableRank(f.table())).thenComparing(FileEntry::path));
        List<String> auditSorted = new java.util.ArrayList<>(audit == null ? List.of() : audit);
        auditSorted.sort(null);
        return new Manifest(DatasetCommitter.SCHEMA_VERSION, partition, runId, input, keyId, sorted,
                new Totals(sorted.size(), bytes, steps, episodes, redactions, frames), byAction, byKind, stats, scope, 0,
                List.of(), auditSorted, framesFailed(sorted));
    }

    /** Steps whose screenshot failed, by reason, summed over the steps files' entries. */
    static Map<String, Long> framesFailed(List<FileEntry> files) {
        Map<String, Long> out = new java.util.TreeMap<>();
        if (files != null) {
            for (FileEntry f : files) {
                f.framesFailed().forEach((k, v) -> out.merge(k, v, Long::sum));
            }
        }
        out.values().removeIf(v -> v <= 0);
        return out;
    }

    private static int tableRank(String table) {
        return switch (table) {
            case DatasetLayout.STEPS -> 0;
            case DatasetLayout.EPISODES -> 1;
            case DatasetLayout.FRAMES -> 2;
            default -> 3;
        };
    }

    /** This manifest as version {@code v} with these retired files (set by the commit protocol). */
    public Manifest numbered(long v, List<Retired> retiredFiles) {
        return new Manifest(schemaVersion, partition, runId, input, pseudonymKeyId, files, totals, stepsByAction,
                redactionsByKind, stats, scope, v, retiredFiles, audit, framesFailed);
    }

    /** This manifest with no people list in its file entries (what is published: they are in {@link PeopleIndex}). */
    public Manifest withoutUsers() {
        return new Manifest(schemaVersion, partition, runId, input, pseudonymKeyId,
                files.stream().map(FileEntry::withoutUsers).toList(), totals, stepsByAction, redactionsByKind, stats,
                scope, version, retired, audit, framesFailed);
    }

    /** This manifest with the audit files (dataset-relative) that belong to its data files. */
    public Manifest withAudit(List<String> auditFiles) {
        return new Manifest(schemaVersion, partition, runId, input, pseudonymKeyId, files, totals, stepsByAction,
                redactionsByKind, stats, scope, version, retired, auditFiles, framesFailed);
    }

    /** This manifest with these steps whose screenshot failed, by reason (tests build manifests by hand). */
    public Manifest withFramesFailed(Map<String, Long> failed) {
        return new Manifest(schemaVersion, partition, runId, input, pseudonymKeyId, files, totals, stepsByAction,
                redactionsByKind, stats, scope, version, retired, audit, failed);
    }

    /**
     * A file a commit stopped naming, kept until {@code retiredAtMs} plus the grace period so that
     * readers holding an older manifest can finish; {@code path} is relative to the dataset root, {@code by}
     * names the kind of writer that retired it when that matters ({@code erasure}: it holds an erased person).
     */
    public record Retired(@JsonProperty("path") String path, @JsonProperty("retired_at_ms") long retiredAtMs,
            @JsonProperty("by") @JsonInclude(JsonInclude.Include.NON_NULL) String by) {
        public Retired(String path, long retiredAtMs) {
            this(path, retiredAtMs, null);
        }
    }

    /** The scope policy a run used, from its {@code describe()}d configuration (null when not given). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> scopeOf(Map<String, Object> config) {
        Object s = config == null ? null : config.get("scope");
        return s instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /**
     * One data file: its path relative to the partition, table ({@code steps}, {@code episodes},
     * {@code frames}), size, counts, SHA-256 and the pseudonyms in it ({@code users}: known to the writer
     * that made the file; a manifest never holds them since issue 17, {@link PeopleIndex} does; those
     * of an older manifest are read, then null). A frames file counts its frames
     * as rows and the episodes with a frame in it. A steps file's {@code frames_failed}: its steps whose
     * screenshot failed, by reason (omitted when none, and on other tables).
     */
    public record FileEntry(
            @JsonProperty("path") String path,
            @JsonProperty("table") String table,
            @JsonProperty("size_bytes") long sizeBytes,
            @JsonProperty("row_count") long rowCount,
            @JsonProperty("episode_count") long episodeCount,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("users") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> users,
            @JsonProperty("frames_failed") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> framesFailed) {

        public FileEntry {
            framesFailed = new java.util.TreeMap<>(framesFailed == null ? Map.of() : framesFailed);
        }

        public FileEntry(String path, String table, long sizeBytes, long rowCount, long episodeCount, String sha256,
                List<String> users) {
            this(path, table, sizeBytes, rowCount, episodeCount, sha256, users, Map.of());
        }

        /** This entry as a manifest writes it: its people are in {@link PeopleIndex}, not here. */
        public FileEntry withoutUsers() {
            return users == null ? this : new FileEntry(path, table, sizeBytes, rowCount, episodeCount, sha256, null,
                    framesFailed);
        }

        /** This entry with these failed frames. */
        public FileEntry withFramesFailed(Map<String, Long> failed) {
            return new FileEntry(path, table, sizeBytes, rowCount, episodeCount, sha256, users, failed);
        }
    }

    /** Dataset-level counts; {@code frames} (1.1): frames rows of the frames files named (0 in a 1.0 manifest). */
    public record Totals(
            @JsonProperty("files") int files,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("steps") long steps,
            @JsonProperty("episodes") long episodes,
            @JsonProperty("redactions") long redactions,
            @JsonProperty("frames") long frames) {

        public Totals(int files, long bytes, long steps, long episodes, long redactions) {
            this(files, bytes, steps, episodes, redactions, 0);
        }
    }
}
