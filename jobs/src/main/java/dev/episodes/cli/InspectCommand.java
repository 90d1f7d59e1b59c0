package dev.episodes.cli;

import dev.episodes.inspect.DatasetInspector;
import dev.episodes.inspect.DatasetOverview;
import dev.episodes.inspect.EpisodeTimeline;
import dev.episodes.inspect.FileIssue;
import dev.episodes.inspect.JsonReport;
import dev.episodes.inspect.OverviewText;
import dev.episodes.inspect.PartitionDetail;
import dev.episodes.inspect.PartitionText;
import dev.episodes.inspect.TimelineText;
import dev.episodes.storage.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what a dataset holds: partitions, files, rows, sizes and redactions from the manifests; "
                + "one partition's files and episodes (--date); one episode as a timeline (--episode).",
                "Exit code 0 when all is consistent, 1 when a manifest and the folder (or an episode and its steps) "
                        + "disagree, 2 on errors."})
final class InspectCommand implements Callable<Integer> {
    static final int MIN_WIDTH = 80;

    @Parameters(index = "0", paramLabel = "ROOT", description = "Dataset root: a folder, or a URI (s3://bucket/prefix, "
            + "hdfs://namenode/path).")
    String root;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "One partition: its files and episodes; with --episode, where to look.")
    String date;

    @Option(names = "--episode", paramLabel = "ID", description = "One episode's steps as a timeline.")
    String episode;

    @Option(names = "--limit", defaultValue = "50", description = "Episodes to list with --date; 0 lists all "
            + "(default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--width", defaultValue = "${env:COLUMNS:-120}", description = "Line width of the text "
            + "(default: $COLUMNS, else 120; at least " + MIN_WIDTH + ").")
    int width;

    @Option(names = "--json", description = "JSON for machines instead of text.")
    boolean json;

    @Option(names = "--verify", description = "Also compare every data file's SHA-256 with its manifest (reads them "
            + "all) and say how many files and bytes were checked.")
    boolean verify;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("--width must be at least " + MIN_WIDTH + ", got " + width);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 (all) or more, got " + limit);
        }
        LocalDate day = date == null ? null : parse(date);
        PrintWriter out = spec.commandLine().getOut();
        try {
            DatasetInspector dataset = Store.hasScheme(root) ? DatasetInspector.open(Store.of(root))
                    : DatasetInspector.open(Path.of(root));
            if (episode != null) {
                EpisodeTimeline t = dataset.episode(episode.strip(), day);
                out.print(json ? JsonReport.of(t) : TimelineText.render(t, width));
                return t.issues().isEmpty() ? 0 : 1;
            }
            if (day != null) {
                PartitionDetail d = dataset.partition(day, limit == 0 ? Integer.MAX_VALUE : limit, verify);
                out.print(json ? JsonReport.of(d) : PartitionText.render(d, width));
                if (verify && !json) {
                    out.println(verified(d.summary().files(), d.summary().bytes(), d.summary().issues()));
                }
                return d.summary().issues().isEmpty() ? 0 : 1;
            }
            DatasetOverview o = dataset.overview(verify);
            out.print(json ? JsonReport.of(o) : OverviewText.render(o, width));
            if (verify && !json) {
                out.println(verified(o.totals().files(), o.totals().bytes(), o.fileIssues()));
            }
            return o.fileIssues().isEmpty() ? 0 : 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
        }
    }

    /** What --verify checked: "verified: SHA-256 of 12 files (3,456,789 bytes) ...: all match". */
    static String verified(int files, long bytes, List<FileIssue> issues) {
        // Faults in the rows of files that matched (duplicates, frames) are not files that do not match.
        java.util.Set<FileIssue.Kind> rows = java.util.EnumSet.of(FileIssue.Kind.DUPLICATE, FileIssue.Kind.BAD_FRAME,
                FileIssue.Kind.MISSING_FRAME);
        long bad = issues.stream().filter(i -> i.kind() != FileIssue.Kind.STRAY && i.kind() != FileIssue.Kind.TEMP
                && !rows.contains(i.kind())).count();
        long inRows = issues.stream().filter(i -> rows.contains(i.kind())).count();
        return String.format("verified: SHA-256 and size of %,d files (%,d bytes) listed in the manifests: %s%s", files,
                bytes, bad == 0 ? "all match" : String.format("%,d do not match or are missing (listed above)", bad),
                inRows == 0 ? "" : String.format("; their rows: %,d %s (listed above)", inRows,
                        inRows == 1 ? "issue" : "issues"));
    }

    private static LocalDate parse(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--date must be a date like 2026-11-27, got '" + value + "'");
        }
    }
}
