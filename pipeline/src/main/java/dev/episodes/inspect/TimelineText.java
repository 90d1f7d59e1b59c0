package dev.episodes.inspect;

import java.util.ArrayList;
import java.util.List;

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
        line(out, "user       " + TerminalText.safe(e.user()) + "   device " + TerminalText.safe(e.device()), width);
        boolean sameDay = TimeText.dateTime(e.startTsUs()).regionMatches(0, TimeText.dateTime(e.endTsUs()), 0, 10);
        line(out, "time       " + TimeText.dateTime(e.startTsUs()) + " -> "
                + (sameDay ? TimeText.time(e.endTsUs()) : TimeText.dateTime(e.endTsUs())) + " UTC ("
                + TimeText.duration(e.endTsUs() - e.startTsUs()) + ")", width);
        line(out, "steps      " + e.numSteps() + ", " + e.redactionCount() + " redactions"
                + (e.split() == null ? "" : "   split " + TerminalText.safe(e.split())), width);
        out.append(TerminalText.wrapped("apps       ", e.apps().stream().map(TerminalText::safe).toList(), width))
                .append('\n');
        for (String issue : t.issues()) {
            line(out, "issue      " + TerminalText.safe(issue), width);
        }
        out.append('\n');
        table(out, t, width);
        return out.toString();
    }

    private static void table(StringBuilder out, EpisodeTimeline t, int width) {
        long start = t.episode().startTsUs();
        boolean redacted = t.steps().stream().anyMatch(s -> !s.redactions().isEmpty());
        // The target says most about a step, so it keeps more of the width than the place.
        TextTable table = new TextTable("").right("#").left("+mm:ss.SSS").left("UTC").left("action")
                .shrinking("target", 12, 3).shrinking("app / window", 12, 2);
        if (redacted) {
            table.left("redacted");
        }
        for (StepRow s : t.steps()) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(s.stepIndex()),
                    TimeText.offset(s.tsUs() - start), TimeText.time(s.tsUs()), TerminalText.safe(s.action()),
                    TerminalText.safe(StepTarget.of(s)), TerminalText.safe(StepTarget.place(s))));
            if (redacted) {
                cells.add(TerminalText.safe(String.join(",", s.redactions())));
            }
            table.row(cells);
        }
        table.lines(width).forEach(l -> out.append(l).append('\n'));
    }

    private static void line(StringBuilder out, String text, int width) {
        out.append(TerminalText.fit(text, width)).append('\n');
    }
}
