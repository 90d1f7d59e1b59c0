package dev.episodes.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One episode as a person reads it in a terminal: a short header, then one line per step with its
 * time since the start and in UTC, action, target, app and window, and the kinds redacted in it.
 * No line is wider than asked: long targets and titles are cut, never wrapped.
 */
public final class TimelineText {
    private TimelineText() {}

    public static String render(EpisodeTimeline t, int width) {
        EpisodeRow e = t.episode();
        StringBuilder out = new StringBuilder();
        line(out, "episode    " + TerminalText.safe(e.episodeId()), width);
        line(out, "partition  " + t.partition() + "   steps in " + TerminalText.safe(e.file()), width);
        boolean sameDay = TimeText.dateTime(e.startTsUs()).regionMatches(0, TimeText.dateTime(e.endTsUs()), 0, 10);
        line(out, "time       " + TimeText.dateTime(e.startTsUs()) + " -> "
                + (sameDay ? TimeText.time(e.endTsUs()) : TimeText.dateTime(e.endTsUs())) + " UTC ("
                + TimeText.duration(e.endTsUs() - e.startTsUs()) + ")", width);
        line(out, "steps      " + e.numSteps() + ", " + e.redactionCount() + " redactions"
                + (e.split() == null ? "" : "   split " + TerminalText.safe(e.split())), width);
        out.append(TerminalText.wrapped("apps       ", e.apps().stream().map(TerminalText::safe).toList(), width))
                .append('\n');
        long framed = t.steps().stream().filter(s -> s.frameId() != null).count();
        if (framed > 0) {
            Map<String, Long> masks = new TreeMap<>();
            t.frames().values().forEach(f -> f.masksByKind().forEach((k, v) -> masks.merge(k, v, Long::sum)));
            out.append(TerminalText.wrapped("frames     ", frameItems(t.frames().size(), framed, t.steps().size(), masks),
                    width)).append('\n');
        }
        for (String issue : t.issues()) {
            line(out, "issue      " + TerminalText.safe(issue), width);
        }
        out.append('\n');
        table(out, t, width);
        return out.toString();
    }

    private static void table(StringBuilder out, EpisodeTimeline t, int width) {
        long start = t.episode().startTsUs();
        // Offsets from the first step, times from the episode's start: the same for absolute times, and
        // right for --time relative, whose steps already hold offsets and whose episode keeps only its date.
        long first = t.steps().isEmpty() ? start : t.steps().get(0).tsUs();
        boolean redacted = t.steps().stream().anyMatch(s -> !s.redactions().isEmpty());
        boolean framed = t.steps().stream().anyMatch(s -> s.frameId() != null);
        // The target says most about a step, so it keeps more of the width than the place.
        TextTable table = new TextTable("").right("#").left("+mm:ss.SSS").left("UTC").left("action")
                .shrinking("target", 12, 3).shrinking("app / window", 12, 2);
        if (redacted) {
            table.left("redacted");
        }
        if (framed) {
            table.shrinking("frame", 8, 1);
        }
        for (StepRow s : t.steps()) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(s.stepIndex()),
                    TimeText.offset(s.tsUs() - first), TimeText.time(start + s.tsUs() - first), TerminalText.safe(s.action()),
                    TerminalText.safe(StepTarget.of(s)), TerminalText.safe(StepTarget.place(s))));
            if (redacted) {
                cells.add(TerminalText.safe(String.join(",", s.redactions())));
            }
            if (framed) {
                cells.add(frameCell(s.frameId(), t.frames()));
            }
            table.row(cells);
        }
        table.lines(width).forEach(l -> out.append(l).append('\n'));
    }

    /** {@code 2 distinct on 4 of 5 steps}, then masks filled by kind over the distinct frames. */
    private static List<String> frameItems(int distinct, long framed, int steps, Map<String, Long> masks) {
        List<String> kinds = OverviewText.counts(masks);
        return OverviewText.lead(distinct + " distinct on " + framed + " of " + steps + " steps; "
                + (kinds.isEmpty() ? "no masks" : "masks"), kinds);
    }

    /** A step's frame: its id cut to 8 characters, and its masks by kind ({@code -} for none). */
    static String frameCell(String frameId, Map<String, FrameSummary> frames) {
        if (frameId == null) {
            return "-";
        }
        String shortId = TerminalText.safe(frameId.substring(0, Math.min(8, frameId.length())));
        FrameSummary f = frames.get(frameId);
        if (f == null) {
            return shortId + " not in the frames files";
        }
        if (f.masksByKind().isEmpty()) {
            return shortId + " no masks";
        }
        List<String> kinds = new ArrayList<>();
        f.masksByKind().forEach((k, v) -> kinds.add(TerminalText.safe(k) + " " + v));
        return shortId + " " + String.join(", ", kinds);
    }

    private static void line(StringBuilder out, String text, int width) {
        out.append(TerminalText.fit(text, width)).append('\n');
    }
}
