package dev.episodes.inspect;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.episodes.writing.PartitionStats;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code dt=} partition as its manifest describes it, with what the disk disagrees on. {@code stats}
 * are the manifest's aggregates (splits, episode lengths, apps), null in manifests written before them.
 * {@code frames}: frames rows the manifest names; {@code framesFailed}: steps whose screenshot did not
 * become a frame, by reason (schema 1.1; zero and empty before).
 */
public record PartitionSummary(
        String partition, String date, State state, String runId, String pseudonymKeyId, Map<String, Object> input,
        int files, long episodes, long steps, long bytes, long redactions,
        Map<String, Long> stepsByAction, Map<String, Long> redactionsByKind, PartitionStats stats,
        List<FileIssue> issues, long frames, Map<String, Long> framesFailed) {

    /** Whether readers may use the partition. */
    public enum State {
        /** Manifest and {@code _SUCCESS}: finished. */
        COMPLETE,
        /** Manifest without {@code _SUCCESS}: written by the streaming job, which may still add files. */
        OPEN,
        /** No readable manifest: nothing in it can be trusted. */
        UNPUBLISHED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public PartitionSummary {
        input = input == null ? Map.of() : new TreeMap<>(input);
        stepsByAction = new TreeMap<>(stepsByAction);
        redactionsByKind = new TreeMap<>(redactionsByKind);
        issues = List.copyOf(issues);
        framesFailed = framesFailed == null ? Map.of() : new TreeMap<>(framesFailed);
    }

    /** A partition without frames (or of a dataset before schema 1.1). */
    public PartitionSummary(String partition, String date, State state, String runId, String pseudonymKeyId,
            Map<String, Object> input, int files, long episodes, long steps, long bytes, long redactions,
            Map<String, Long> stepsByAction, Map<String, Long> redactionsByKind, PartitionStats stats,
            List<FileIssue> issues) {
        this(partition, date, state, runId, pseudonymKeyId, input, files, episodes, steps, bytes, redactions,
                stepsByAction, redactionsByKind, stats, issues, 0, Map.of());
    }

    /** Whether the partition has frames, or steps whose screenshot failed. */
    public boolean hasFrames() {
        return frames > 0 || !framesFailed.isEmpty();
    }

    /** Episodes per training split, as the manifest counts them (empty without statistics). */
    public Map<String, Long> episodesBySplit() {
        return stats == null || stats.episodesBySplit() == null ? Map.of() : stats.episodesBySplit();
    }

    static PartitionSummary unpublished(String partition, String date, FileIssue why) {
        return new PartitionSummary(partition, date, State.UNPUBLISHED, null, null, Map.of(), 0, 0, 0, 0, 0, Map.of(),
                Map.of(), null, List.of(why));
    }
}
