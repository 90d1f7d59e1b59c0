package dev.episodes.inspect;

import dev.episodes.writing.PartitionStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One partition as text: its manifest's figures, its files, then its episodes by start time. */
public final class PartitionText {
    private PartitionText() {}

    public static String render(PartitionDetail d, int width) {
        PartitionSummary s = d.summary();
        StringBuilder out = new StringBuilder();
        OverviewText.line(out, "partition  " + s.partition() + "   complete: " + OverviewText.state(s)
                + (s.state() == PartitionSummary.State.OPEN ? " (no _SUCCESS: streamed, or a build still running; complete once a bounded build such as nightly makes it)"
                        : ""), width);
        if (s.state() != PartitionSummary.State.UNPUBLISHED) {
            OverviewText.line(out, "run        " + TerminalText.safe(s.runId()) + "   pseudonym key "
                    + TerminalText.safe(s.pseudonymKeyId()) + "   input " + input(s.input()), width);
            OverviewText.line(out, "totals     " + OverviewText.plural(s.files(), "file") + ", "
                    + OverviewText.plural(s.episodes(), "episode") + ", " + OverviewText.plural(s.steps(), "step")
                    + ", " + ByteSize.of(s.bytes()) + ", " + OverviewText.plural(s.redactions(), "redaction"), width);
            if (s.hasFrames()) {
                out.append(TerminalText.wrapped("frames     ", OverviewText.frames(s.frames(), s.framesFailed()), width))
                        .append('\n');
            }
            out.append(TerminalText.wrapped("steps      ", OverviewText.counts(s.stepsByAction()), width))
                    .append('\n');
            out.append(TerminalText.wrapped("redacted   ",
                    OverviewText.counts(s.redactionsByKind()), width)).append('\n');
            statistics(out, s.stats(), width);
        }
        OverviewText.issues(out, s.issues(), width);
        if (!d.files().isEmpty()) {
            files(out, d.files(), width);
        }
        if (s.state() != PartitionSummary.State.UNPUBLISHED) {
            episodes(out, d, width);
        }
        return out.toString();
    }

    /** The manifest's aggregates: episodes per split, how long episodes are, the apps they use. */
    private static void statistics(StringBuilder out, PartitionStats stats, int width) {
        if (stats == null) {
            return;
        }
        if (stats.episodesBySplit() != null && !stats.episodesBySplit().isEmpty()) {
            out.append(TerminalText.wrapped("splits     ", OverviewText.counts(stats.episodesBySplit()), width))
                    .append('\n');
        }
        PartitionStats.Distribution steps = stats.episodeSteps();
        PartitionStats.Distribution seconds = stats.episodeSeconds();
        if (steps != null && seconds != null) {
            OverviewText.line(out, String.format(Locale.ROOT, "lengths    steps p50 %.0f, p90 %.0f, max %.0f; time p50 %s,"
                    + " p90 %s, max %s", steps.p50(), steps.p90(), steps.max(), seconds(seconds.p50()),
                    seconds(seconds.p90()), seconds(seconds.max())), width);
        }
        if (stats.episodesByApp() != null && !stats.episodesByApp().isEmpty()) {
            out.append(TerminalText.wrapped("by app     ", OverviewText.counts(stats.episodesByApp()), width))
                    .append('\n');
        }
    }

    private static String seconds(double s) {
        return TimeText.duration(Math.round(s * 1_000_000));
    }

    private static void files(StringBuilder out, List<DataFile> files, int width) {
        TextTable t = new TextTable("  ").left("path").left("table").right("rows").right("episodes").right("size");
        for (DataFile f : files) {
            t.row(List.of(TerminalText.safe(f.path()), TerminalText.safe(f.table()), count(f.rows()),
                    count(f.episodes()), ByteSize.of(f.bytes())));
        }
        out.append('\n');
        OverviewText.line(out, "files", width);
        t.lines(width).forEach(l -> OverviewText.line(out, l, width));
    }

    private static void episodes(StringBuilder out, PartitionDetail d, int width) {
        out.append('\n');
        OverviewText.line(out, "episodes   " + d.episodes().size() + " of " + d.episodesFound()
                + (d.episodes().size() < d.episodesFound() ? " by start time (--limit shows more)" : " by start time"),
                width);
        if (d.episodes().isEmpty()) {
            return;
        }
        // Ids stay whole (--episode takes them); apps narrow to fit (--json has them whole). No pseudonyms:
        // by episode, they would make this a table by person.
        TextTable t = new TextTable("  ").left("episode_id")
                .shrinking("split", 5, 1).left("start").right("duration").right("steps").right("redacted")
                .shrinking("apps", 12, 2);
        for (EpisodeRow e : d.episodes()) {
            t.row(List.of(TerminalText.safe(e.episodeId()),
                    e.split() == null ? "-" : TerminalText.safe(e.split()), TimeText.clock(e.startTsUs()), TimeText.duration(e.endTsUs() - e.startTsUs()), count(e.numSteps()),
                    count(e.redactionCount()), String.join(", ", e.apps().stream().map(TerminalText::safe).toList())));
        }
        t.lines(width).forEach(l -> OverviewText.line(out, l, width));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A manifest's input, e.g. {@code archive: corpus.jsonl} or {@code kafka: activity.keys, ...}. */
    private static String input(Map<String, Object> input) {
        if (input.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        Object kind = input.get("kind");
        input.forEach((k, v) -> {
            if (!k.equals("kind")) {
                parts.add(v instanceof Iterable<?> items ? String.join(", ", strings(items)) : k + " " + v);
            }
        });
        String kindText = kind == null ? "" : kind.toString();
        return TerminalText.safe(parts.isEmpty() ? kindText
                : kindText.isEmpty() ? String.join("; ", parts) : kindText + ": " + String.join("; ", parts));
    }

    private static List<String> strings(Iterable<?> items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(String.valueOf(i)));
        return out;
    }
}
