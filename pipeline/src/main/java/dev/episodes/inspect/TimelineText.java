package dev.episodes.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * One episode as a person reads it in a terminal: a short header, then one line per step with its
 * time since the start and in UTC, action, target, app and window, and the kinds redacted in it.
 * No line is wider than asked: long targets and titles are cut, never wrapped.
 */
public final class TimelineText {
    private static final String GAP = "  ";

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
        line(out, "steps      " + e.numSteps() + ", " + e.redactionCount() + " redactions", width);
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
        List<String[]> rows = new ArrayList<>();
        for (StepRow s : t.steps()) {
            rows.add(new String[] {Integer.toString(s.stepIndex()), TimeText.offset(s.tsUs() - start),
                    TimeText.time(s.tsUs()), TerminalText.safe(s.action()), TerminalText.safe(StepTarget.of(s)),
                    TerminalText.safe(StepTarget.place(s)), TerminalText.safe(String.join(",", s.redactions()))});
        }
        String[] header = {"#", "+mm:ss.SSS", "UTC", "action", "target", "app / window", "redacted"};
        int[] w = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            w[c] = header[c].length();
            for (String[] r : rows) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        boolean redacted = rows.stream().anyMatch(r -> !r[6].isEmpty());
        int fixed = w[0] + w[1] + w[2] + w[3] + 4 * GAP.length() + (redacted ? GAP.length() + w[6] : 0);
        int flexible = Math.max(24, width - fixed - GAP.length());
        if (w[4] + w[5] > flexible) {
            // Too wide: the place gets up to 40%, the target (which says most about the step) the rest.
            int place = Math.min(w[5], Math.max(12, flexible * 2 / 5));
            w[4] = Math.min(w[4], flexible - place);
            w[5] = flexible - w[4];
        }
        rows.add(0, header);
        for (String[] r : rows) {
            String l = TerminalText.right(r[0], w[0]) + GAP + TerminalText.left(r[1], w[1]) + GAP
                    + TerminalText.left(r[2], w[2]) + GAP + TerminalText.left(r[3], w[3]) + GAP
                    + TerminalText.left(r[4], w[4]) + GAP + TerminalText.left(r[5], w[5])
                    + (redacted ? GAP + r[6] : "");
            out.append(l.stripTrailing()).append('\n');
        }
    }

    private static void line(StringBuilder out, String text, int width) {
        out.append(TerminalText.fit(text, width)).append('\n');
    }
}
