package dev.episodes.cli;

import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.writing.CommitSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What a person sees: a progress line while a run goes, then its summary. */
final class Terminal {
    private Terminal() {}

    static Progress progress(PrintStream err) {
        boolean tty = System.console() != null;
        return new Progress() {
            private long lastPrint;

            @Override
            public void update(long records, Duration elapsed) {
                if (records < 0) {
                    return;
                }
                long now = System.nanoTime();
                if (!tty && now - lastPrint < 5_000_000_000L) {
                    return; // logs get a line every 5 s, terminals an updating line
                }
                lastPrint = now;
                double s = Math.max(1e-3, elapsed.toNanos() / 1e9);
                String line = String.format("  running %5.1fs  %,d records read  %,.0f records/s", s, records,
                        records / s);
                err.print(tty ? "\r" + line : line + "\n");
                err.flush();
            }
        };
    }

    static void summary(PrintStream out, RunSummary s, Path root) {
        summary(out, s, root, root.resolve(dev.episodes.writing.DatasetLayout.REJECTED).toAbsolutePath().toString());
    }

    static void summary(PrintStream out, RunSummary s, Path root, String deadLettersAt) {
        CommitSummary c = s.commit();
        out.println();
        out.printf("Run %s finished in %.1f s (%,.0f records/s)%n", s.runId(), s.wallTime().toMillis() / 1000.0,
                s.recordsPerSecond());
        out.printf("  records read       %,d%n", s.recordsRead());
        out.printf("  events used        %,d  (+ %,d consent events)%n", s.eventsOrdered(), s.consentEvents());
        out.printf("  duplicates dropped %,d%n", s.duplicates());
        out.printf("  without consent    %,d events withheld (revoked, or no grant with --consent-default revoked)%n",
                s.withoutConsent());
        out.printf("  dead letters       %,d%s%n", s.deadLetterTotal(), breakdown(s.deadLetters()));
        if (s.fieldsTruncated() > 0) {
            out.printf("  values truncated   %,d strings longer than their limit, cut (events kept; see README)%n",
                    s.fieldsTruncated());
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
        out.printf("  dataset            %s%n", root.toAbsolutePath());
        if (s.deadLetterTotal() > 0) {
            out.printf("  dead letters in    %s%n", deadLettersAt);
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
