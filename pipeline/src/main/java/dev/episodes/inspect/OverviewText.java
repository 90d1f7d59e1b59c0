package dev.episodes.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A dataset at a glance, as text: what it is, a table of its partitions, then what needs attention. */
public final class OverviewText {
    private OverviewText() {}

    public static String render(DatasetOverview o, int width) {
        StringBuilder out = new StringBuilder();
        DatasetOverview.Totals t = o.totals();
        line(out, "dataset    " + TerminalText.safe(o.root()), width);
        DatasetInfo info = o.info();
        if (info != null) {
            line(out, "schema     " + or(info.schemaVersion()) + "   pseudonym key " + or(info.pseudonymKeyId())
                    + "   last run " + or(info.lastRunId()), width);
            List<String> config = new ArrayList<>();
            info.config().forEach((k, v) -> {
                if (k.equals("scope") && v instanceof Map<?, ?> scope) { // which policy, by name and digest
                    config.add("scope " + scope.get("name") + " sha256:" + String.valueOf(scope.get("sha256"))
                            .substring(0, Math.min(12, String.valueOf(scope.get("sha256")).length())));
                } else if (!(v instanceof Iterable<?>) && !(v instanceof Map<?, ?>)) {
                    config.add(k + " " + v); // lists (deny-lists) are in _meta/info.json and --json
                }
            });
            out.append(TerminalText.wrapped("config     ", safe(config), width)).append('\n');
        }
        line(out, "totals     " + plural(t.partitions(), "partition") + " (" + t.complete() + " complete), "
                + plural(t.files(), "file") + ", " + plural(t.episodes(), "episode") + ", " + plural(t.steps(), "step")
                + ", " + ByteSize.of(t.bytes()) + ", " + plural(t.redactions(), "redaction"), width);
        if (t.frames() > 0 || !t.framesFailed().isEmpty()) {
            out.append(TerminalText.wrapped("frames     ", frames(t.frames(), t.framesFailed()), width)).append('\n');
        }
        out.append('\n');
        partitionTable(out, o.partitions(), width);
        out.append('\n');
        out.append(TerminalText.wrapped("steps      ", counts(t.stepsByAction()), width)).append('\n');
        out.append(TerminalText.wrapped("redacted   ", counts(t.redactionsByKind()), width)).append('\n');
        if (!t.episodesBySplit().isEmpty()) {
            out.append(TerminalText.wrapped("splits     ", counts(t.episodesBySplit()), width)).append('\n');
        }
        DeadLetterCounts d = o.deadLetters();
        if (d.files() == 0) {
            line(out, "rejected   none in _private/rejected/ (a streaming job sends dead letters to its topic)", width);
        } else {
            line(out, "rejected   " + plural(d.records(), "dead letter") + " in " + plural(d.files(), "file")
                    + " of _private/rejected/, " + ByteSize.of(d.bytes()), width);
            out.append(TerminalText.wrapped("           ", counts(d.byReason()), width)).append('\n');
        }
        if (o.audit().erasures() + o.audit().expirations() > 0) {
            line(out, "audit      " + plural(o.audit().erasures(), "erasure") + " and "
                    + plural(o.audit().expirations(), "expiration") + " recorded in _audit/", width);
        }
        for (String note : o.notes()) {
            line(out, "note       " + TerminalText.safe(note), width);
        }
        issues(out, o.fileIssues(), width);
        return out.toString();
    }

    /**
     * One row per partition, with a column per redaction kind; when those do not fit the width, each
     * row's kinds follow it on a line of their own instead.
     */
    private static void partitionTable(StringBuilder out, List<PartitionSummary> partitions, int width) {
        Set<String> kinds = new TreeSet<>();
        partitions.forEach(p -> kinds.addAll(p.redactionsByKind().keySet()));
        boolean frames = partitions.stream().anyMatch(PartitionSummary::hasFrames);
        TextTable wide = table(partitions, kinds, frames);
        if (wide.naturalWidth() <= width) {
            wide.lines(width).forEach(l -> line(out, l, width));
            return;
        }
        List<String> lines = table(partitions, Set.of(), frames).lines(width);
        line(out, lines.get(0), width);
        for (int i = 0; i < partitions.size(); i++) {
            line(out, lines.get(i + 1), width);
            if (!partitions.get(i).redactionsByKind().isEmpty()) {
                out.append(TerminalText.wrapped("            ", counts(partitions.get(i).redactionsByKind()), width))
                        .append('\n');
            }
        }
    }

    private static TextTable table(List<PartitionSummary> partitions, Set<String> kinds, boolean frames) {
        TextTable t = new TextTable("").left("date").left("complete").right("files").right("episodes").right("steps")
                .right("size").right("redacted");
        if (frames) {
            t.right("frames");
        }
        kinds.forEach(k -> t.right(TerminalText.safe(k)));
        for (PartitionSummary p : partitions) {
            boolean published = p.state() != PartitionSummary.State.UNPUBLISHED;
            List<String> cells = new ArrayList<>(List.of(p.date(), state(p), number(published, p.files()),
                    number(published, p.episodes()), number(published, p.steps()),
                    published ? ByteSize.of(p.bytes()) : "-", number(published, p.redactions())));
            if (frames) {
                cells.add(number(published, p.frames()));
            }
            kinds.forEach(k -> cells.add(number(published, p.redactionsByKind().getOrDefault(k, 0L))));
            t.row(cells);
        }
        return t;
    }

    private static String number(boolean known, long n) {
        return known ? String.format(Locale.ROOT, "%,d", n) : "-";
    }

    /** "yes" when readers may load it; otherwise why not. */
    static String state(PartitionSummary p) {
        return switch (p.state()) {
            case COMPLETE -> "yes";
            case OPEN -> "open";
            case UNPUBLISHED -> p.issues().stream().anyMatch(i -> i.kind() == FileIssue.Kind.BAD_MANIFEST)
                    ? "bad manifest" : "no manifest";
        };
    }

    /** A section listing file issues, one per line; nothing when there are none. */
    static void issues(StringBuilder out, List<FileIssue> issues, int width) {
        if (issues.isEmpty()) {
            return;
        }
        out.append('\n');
        line(out, plural(issues.size(), "file issue") + " (readers trust the manifest, not the folder):", width);
        TextTable t = new TextTable("  ").left("issue").left("file").left("detail");
        for (FileIssue i : issues) {
            t.row(List.of(i.kind().wire(), TerminalText.safe(i.path()), TerminalText.safe(i.detail())));
        }
        t.lines(width).forEach(l -> line(out, l, width));
    }

    /** {@code 1,204 stored;} then the steps whose screenshot failed, by reason ({@code none failed}). */
    static List<String> frames(long stored, Map<String, Long> failed) {
        String head = String.format(Locale.ROOT, "%,d stored; ", stored);
        if (failed.isEmpty()) {
            return List.of(head + "no screenshot failed");
        }
        return lead(head + plural(failed.values().stream().mapToLong(Long::longValue).sum(), "step") + " without one:",
                counts(failed));
    }

    /** {@code items} with {@code head} before the first (joined by a space), or {@code head} alone. */
    static List<String> lead(String head, List<String> items) {
        List<String> out = new ArrayList<>(items);
        if (out.isEmpty()) {
            out.add(head);
        } else {
            out.set(0, head + " " + out.get(0));
        }
        return out;
    }

    /** {@code name count} items, in the map's order. */
    static List<String> counts(Map<String, Long> counts) {
        List<String> items = new ArrayList<>();
        counts.forEach((k, v) -> items.add(TerminalText.safe(k) + String.format(Locale.ROOT, " %,d", v)));
        return items;
    }

    /** {@code 1 file}, {@code 1,204 files} */
    static String plural(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    private static List<String> safe(List<String> items) {
        return items.stream().map(TerminalText::safe).toList();
    }

    private static String or(String value) {
        return value == null ? "-" : TerminalText.safe(value);
    }

    static void line(StringBuilder out, String text, int width) {
        out.append(TerminalText.fit(text, width)).append('\n');
    }
}
