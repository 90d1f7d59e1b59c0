package dev.episodes.inspect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A whole dataset at a glance: its info, every partition's manifest figures, dead letters, audit
 * records, and the notes and file issues a reader should know about before loading it.
 */
public record DatasetOverview(String root, DatasetInfo info, List<PartitionSummary> partitions,
        DeadLetterCounts deadLetters, AuditCounts audit, List<String> notes) {

    /** Sums over the partitions' manifests. */
    public record Totals(int partitions, int complete, int files, long episodes, long steps, long bytes,
            long redactions, Map<String, Long> stepsByAction, Map<String, Long> redactionsByKind,
            Map<String, Long> episodesBySplit, long frames, Map<String, Long> framesFailed) {}

    public DatasetOverview {
        partitions = List.copyOf(partitions);
        notes = List.copyOf(notes);
    }

    @JsonProperty("totals")
    public Totals totals() {
        Map<String, Long> byAction = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> bySplit = new TreeMap<>();
        Map<String, Long> failed = new TreeMap<>();
        long frames = 0;
        int files = 0;
        long episodes = 0;
        long steps = 0;
        long bytes = 0;
        long redactions = 0;
        for (PartitionSummary p : partitions) {
            files += p.files();
            episodes += p.episodes();
            steps += p.steps();
            bytes += p.bytes();
            redactions += p.redactions();
            p.stepsByAction().forEach((k, v) -> byAction.merge(k, v, Long::sum));
            p.redactionsByKind().forEach((k, v) -> byKind.merge(k, v, Long::sum));
            p.episodesBySplit().forEach((k, v) -> bySplit.merge(k, v, Long::sum));
            frames += p.frames();
            p.framesFailed().forEach((k, v) -> failed.merge(k, v, Long::sum));
        }
        int complete = (int) partitions.stream().filter(p -> p.state() == PartitionSummary.State.COMPLETE).count();
        return new Totals(partitions.size(), complete, files, episodes, steps, bytes, redactions, byAction, byKind,
                bySplit, frames, failed);
    }

    /** Every file issue of every partition. */
    public List<FileIssue> fileIssues() {
        return partitions.stream().flatMap(p -> p.issues().stream()).toList();
    }
}
