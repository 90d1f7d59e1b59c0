package dev.episodes.view;

import dev.episodes.inspect.DatasetOverview;
import dev.episodes.inspect.EpisodeRow;
import dev.episodes.inspect.FileIssue;
import dev.episodes.inspect.PartitionSummary;
import dev.episodes.writing.PartitionStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the overview page shows, aggregates only: per day (partition) its state and counts, the dataset's
 * counts by action, redaction kind, app, dead-letter reason and frame failure, episode length
 * distributions from the manifests' statistics, and links to a few episode pages. Nothing per person:
 * built from manifests and counts, and the samples keep only what their links need.
 */
public record OverviewPage(String root, String schemaVersion, String scope, List<Day> days,
        Map<String, Long> stepsByAction, Map<String, Long> redactionsByKind, Map<String, Long> episodesByApp,
        Map<String, Long> deadLettersByReason, long deadLetters, Map<String, Long> framesFailed,
        Map<String, Long> issuesByKind, List<String> notes, List<Sample> samples) {

    /** One partition. {@code stats} null in manifests written before statistics. */
    public record Day(String date, String state, long episodes, long steps, long frames, long framesFailed,
            long bytes, long redactions, PartitionStats stats) {}

    /** An episode page written beside the overview; {@code href} relative to it. */
    public record Sample(String episodeId, String date, int steps, double seconds, String href) {
        public static Sample of(EpisodeRow e, String date, String href) {
            return new Sample(e.episodeId(), date, e.numSteps(), (e.endTsUs() - e.startTsUs()) / 1e6, href);
        }
    }

    public OverviewPage {
        days = List.copyOf(days);
        notes = List.copyOf(notes);
        samples = List.copyOf(samples);
    }

    /**
     * The page of an overview ({@code scope}: what it covers, e.g. "all partitions" or "dt=2026-11-27");
     * apps are the sum of each partition's most used (a manifest keeps its top 50).
     */
    public static OverviewPage of(DatasetOverview o, String scope, List<Sample> samples) {
        DatasetOverview.Totals t = o.totals();
        Map<String, Long> apps = new TreeMap<>();
        Map<String, Long> issues = new TreeMap<>();
        List<Day> days = new java.util.ArrayList<>();
        for (PartitionSummary p : o.partitions()) {
            long failed = p.framesFailed().values().stream().mapToLong(Long::longValue).sum();
            days.add(new Day(p.date(), p.state().wire(), p.episodes(), p.steps(), p.frames(), failed, p.bytes(),
                    p.redactions(), p.stats()));
            if (p.stats() != null && p.stats().episodesByApp() != null) {
                p.stats().episodesByApp().forEach((k, v) -> apps.merge(k, v, Long::sum));
            }
            for (FileIssue i : p.issues()) {
                issues.merge(i.kind().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
            }
        }
        return new OverviewPage(o.root(), o.info() == null ? null : o.info().schemaVersion(), scope, days,
                t.stepsByAction(), t.redactionsByKind(), top(apps, 15), o.deadLetters().byReason(),
                o.deadLetters().records(), t.framesFailed(), issues, o.notes(), samples);
    }

    /** The {@code n} largest counts, largest first (ties by name). */
    static Map<String, Long> top(Map<String, Long> counts, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
