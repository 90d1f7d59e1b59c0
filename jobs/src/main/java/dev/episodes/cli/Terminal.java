package dev.episodes.cli;

import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.writing.CommitSummary;
import dev.episodes.writing.DatasetCommitter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What a person sees: a progress line while a run goes, then its summary. */
final class Terminal {
    private Terminal() {}

    static Progress progress(PrintStream err) {
        return progress(err, -1);
    }

    /** With {@code expected} records (-1: unknown), the line adds a percentage and an ETA. */
    static Progress progress(PrintStream err, long expected) {
        return progress(err, expected, "records read", "records");
    }

    /** A progress line counting {@code what} ("lines published"), per second in {@code unit}s. */
    static Progress progress(PrintStream err, long expected, String what, String unit) {
        boolean tty = System.console() != null;
        return new Progress() {
            private long lastPrint;

            @Override
            public void update(long records, Duration elapsed) {
                if (records < 0 || elapsed.toMillis() < 1000) {
                    return; // a run done within a second needs no progress line
                }
                long now = System.nanoTime();
                if (!tty && now - lastPrint < 5_000_000_000L) {
                    return; // logs get a line every 5 s, terminals an updating line
                }
                lastPrint = now;
                double s = Math.max(1e-3, elapsed.toNanos() / 1e9);
                String line = String.format("  running %5.1fs  %,d %s  %,.0f %s/s", s, records, what, records / s,
                        unit) + share(records, expected, records / s);
                err.print(tty ? "\r" + line : line + "\n");
                err.flush();
            }
        };
    }

    /** Ends an updating progress line on a terminal, so what follows starts on its own line. */
    static void endProgress(PrintStream err) {
        if (System.console() != null) {
            err.println();
        }
    }

    /** "  37% of ~120,000, ETA 8s" while the input size is known and the run is not done. */
    static String share(long records, long expected, double perSecond) {
        if (expected <= 0) {
            return "";
        }
        double share = Math.min(0.99, (double) records / expected);
        if (records >= expected) {
            return String.format("  100%% of ~%,d", expected);
        }
        String eta = perSecond > 0 ? "  ETA " + duration((long) ((expected - records) / perSecond)) : "";
        return String.format("  %d%% of ~%,d", (int) (share * 100), expected) + eta;
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format("%02ds", seconds % 60);
        }
        return seconds / 3600 + "h" + String.format("%02dm", seconds % 3600 / 60);
    }

    static void summary(PrintStream out, RunSummary s, DatasetRoot root) {
        if (root.isLocal()) {
            summary(out, s, root.localPath().orElseThrow());
            return;
        }
        summary(out, s, null, root.resolve(dev.episodes.writing.DatasetLayout.REJECTED).uri(), root);
    }

    /** As {@link #summary(PrintStream, RunSummary, DatasetRoot)}, dead letters elsewhere (a topic). */
    static void summary(PrintStream out, RunSummary s, DatasetRoot root, String deadLettersAt) {
        if (root.isLocal()) {
            summary(out, s, root.localPath().orElseThrow(), deadLettersAt);
            return;
        }
        summary(out, s, null, deadLettersAt, root);
    }

    static void summary(PrintStream out, RunSummary s, Path root) {
        summary(out, s, root, root.resolve(dev.episodes.writing.DatasetLayout.REJECTED).toAbsolutePath().toString());
    }

    static void summary(PrintStream out, RunSummary s, Path root, String deadLettersAt) {
        summary(out, s, root, deadLettersAt, null);
    }

    private static void summary(PrintStream out, RunSummary s, Path root, String deadLettersAt, DatasetRoot remote) {
        CommitSummary c = s.commit();
        out.println();
        out.printf("This run (%s) finished in %.1f s (%,.0f records/s)%n", s.runId(), s.wallTime().toMillis() / 1000.0,
                s.recordsPerSecond());
        out.printf("  records read       %,d%n", s.recordsRead());
        out.printf("  events used        %,d  (+ %,d consent events)%n", s.eventsOrdered(), s.consentEvents());
        out.printf("  duplicates dropped %,d%n", s.duplicates());
        out.printf("  without consent    %,d events withheld (revoked, paused, or no grant with --consent-default revoked)%n",
                s.withoutConsent());
        if (s.paused() > 0) {
            out.printf("    of which paused  %,d events inside a pause (a revoke with until_ts_us)%n", s.paused());
        }
        out.printf("  dead letters       %,d%s%n", s.deadLetterTotal(), breakdown(s.deadLetters()));
        if (s.fieldsTruncated() > 0) {
            out.printf("  values truncated   %,d strings longer than their limit, cut (events kept; see README)%n",
                    s.fieldsTruncated());
        }
        if (s.framesStored() > 0 || !s.framesFailed().isEmpty()) {
            out.printf("  frames             %,d stored; %,d steps without one%s%n", s.framesStored(),
                    s.framesFailed().values().stream().mapToLong(Long::longValue).sum(), breakdown(s.framesFailed()));
        }
        if (s.outsideWindow() > 0 || s.episodesOutsideWindow() > 0) {
            out.printf("  outside the window %,d events read for nothing, %,d episodes left to other days' builds%n",
                    s.outsideWindow(), s.episodesOutsideWindow());
        }
        out.printf("  accounted for      %s%n", s.accountedFor()
                ? "yes (read = used + consent + duplicates + dead letters" + (s.outsideWindow() > 0 ? " + outside the window)" : ")")
                : "NO: counts do not add up");
        out.printf("  steps dropped      %,d%s%n", s.droppedSteps().values().stream().mapToLong(Long::longValue).sum(),
                breakdown(s.droppedSteps()));
        out.printf("  episodes           %,d%n", c.episodes());
        out.printf("  steps              %,d%s%n", c.steps(), breakdown(c.stepsByAction()));
        out.printf("  redactions         %,d%s%n", c.redactionsByKind().values().stream().mapToLong(Long::longValue)
                .sum(), breakdown(c.redactionsByKind()));
        out.printf("  files written      %,d (%,d bytes) in %s%n", c.files(), c.bytes(), c.partitions());
        if (s.deadLetterTotal() > 0) {
            out.printf("  dead letters in    %s%n", deadLettersAt);
        }
        out.println(remote != null ? datasetNow(remote) : datasetNow(root));
    }

    static String datasetNow(DatasetRoot root) {
        try {
            CommitSummary d = DatasetCommitter.summarize(dev.episodes.storage.Store.of(root.uri()), 0);
            return String.format("Dataset now: %,d partitions, %,d episodes, %,d steps, %,d bytes in %s", d.partitions().size(),
                    d.episodes(), d.steps(), d.bytes(), root);
        } catch (IOException | RuntimeException e) {
            return "Dataset now: " + root + " (its manifests could not be read: " + e.getMessage() + ")";
        }
    }

    /** The whole dataset after the run, apart from what this run did: "Dataset now: ...". */
    static String datasetNow(Path root) {
        try {
            CommitSummary d = DatasetCommitter.summarize(root, 0);
            return String.format("Dataset now: %,d partitions, %,d episodes, %,d steps, %,d bytes in %s", d.partitions().size(),
                    d.episodes(), d.steps(), d.bytes(), root.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            return "Dataset now: " + root.toAbsolutePath() + " (its manifests could not be read: " + e.getMessage() + ")";
        }
    }

    private static String breakdown(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("  (");
        counts.forEach((k, v) -> sb.append(sb.length() > 3 ? ", " : "").append(k).append(' ').append(v));
        return sb.append(')').toString();
    }
}
