package dev.episodes.view;

import dev.episodes.writing.PartitionStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The overview as one self-contained HTML page with inline SVG plots and no script: figures per day,
 * counts by action, redaction kind, app, dead-letter reason and frame failure, length distributions,
 * and links to the sample episode pages written beside it.
 */
public final class OverviewHtml {
    static final String CSS = Resources.text("overview.css");

    private OverviewHtml() {}

    public static String render(OverviewPage p) {
        List<String> dates = p.days().stream().map(OverviewPage.Day::date).toList();
        StringBuilder b = new StringBuilder();
        b.append("<header><h1>Dataset overview</h1><dl class=\"summary\">");
        item(b, "root", "<code>" + Html.bdi(p.root()) + "</code>");
        item(b, "covers", Html.escape(p.scope()));
        item(b, "schema", p.schemaVersion() == null ? "-" : Html.escape(p.schemaVersion()));
        long episodes = p.days().stream().mapToLong(OverviewPage.Day::episodes).sum();
        long steps = p.days().stream().mapToLong(OverviewPage.Day::steps).sum();
        long frames = p.days().stream().mapToLong(OverviewPage.Day::frames).sum();
        long failed = p.days().stream().mapToLong(OverviewPage.Day::framesFailed).sum();
        long bytes = p.days().stream().mapToLong(OverviewPage.Day::bytes).sum();
        item(b, "partitions", SvgChart.count(p.days().size()));
        item(b, "episodes", SvgChart.count(episodes));
        item(b, "steps", SvgChart.count(steps));
        item(b, "frames", SvgChart.count(frames) + " stored, " + SvgChart.count(failed) + " steps without one");
        item(b, "size", SvgChart.count(bytes) + " bytes");
        item(b, "dead letters", SvgChart.count(p.deadLetters()) + " (whole dataset)");
        b.append("</dl>");
        if (!p.notes().isEmpty() || !p.issuesByKind().isEmpty()) {
            b.append("<ul class=\"issues\">");
            p.notes().forEach(n -> b.append("<li>").append(Html.escape(n)).append("</li>"));
            p.issuesByKind().forEach((k, v) -> b.append("<li>").append(SvgChart.count(v)).append(' ')
                    .append(Html.escape(k)).append(v == 1 ? " issue" : " issues")
                    .append(" (<code>episodes inspect ROOT --date D</code> lists them)</li>"));
            b.append("</ul>");
        }
        b.append("</header>\n<main>\n<section class=\"charts\"><h2>Partitions</h2>");
        Map<String, Long> states = new LinkedHashMap<>();
        for (String s : List.of("complete", "open", "unpublished")) {
            long n = p.days().stream().filter(d -> d.state().equals(s)).count();
            if (n > 0) {
                states.put(s, n);
            }
        }
        b.append(SvgChart.bars("partitions", "Partitions by state", states));
        b.append(SvgChart.columns("episodes-per-day", "Episodes per day", dates, List.of("episodes"),
                new long[][] {p.days().stream().mapToLong(OverviewPage.Day::episodes).toArray()}));
        b.append(SvgChart.columns("steps-per-day", "Steps per day", dates, List.of("steps"),
                new long[][] {p.days().stream().mapToLong(OverviewPage.Day::steps).toArray()}));
        b.append("</section>\n<section class=\"charts\"><h2>Steps</h2>");
        b.append(SvgChart.bars("steps-by-action", "Steps by action", OverviewPage.top(p.stepsByAction(), 50)));
        b.append(SvgChart.bars("redactions-by-kind", "Redactions by kind", OverviewPage.top(p.redactionsByKind(), 50)));
        b.append(SvgChart.bars("top-apps", "Top apps (episodes using them)", p.episodesByApp()));
        b.append("</section>\n<section class=\"charts\"><h2>Episode lengths</h2>");
        b.append(SvgChart.ranges("episode-steps", "Steps per episode, per day", dates,
                p.days().stream().map(d -> d.stats() == null ? null : d.stats().episodeSteps()).toList(), "steps"));
        b.append(SvgChart.ranges("episode-seconds", "Seconds per episode, per day", dates,
                p.days().stream().map(d -> d.stats() == null ? null : d.stats().episodeSeconds()).toList(), "s"));
        b.append("<p class=\"legend\">Line: min to max; box: p50 to p90; tick: p99 (the manifests' statistics).</p>");
        b.append("</section>\n<section class=\"charts\"><h2>Frames and dead letters</h2>");
        b.append(SvgChart.columns("frames-per-day", "Frames stored and steps without one, per day", dates,
                List.of("stored", "without a frame"),
                new long[][] {p.days().stream().mapToLong(OverviewPage.Day::frames).toArray(),
                        p.days().stream().mapToLong(OverviewPage.Day::framesFailed).toArray()}));
        b.append(SvgChart.bars("frames-failed", "Steps without a frame, by reason", OverviewPage.top(p.framesFailed(), 50)));
        b.append(SvgChart.bars("dead-letters", "Dead letters by reason (whole dataset)",
                OverviewPage.top(p.deadLettersByReason(), 50)));
        b.append("</section>\n");
        days(b, p);
        samples(b, p);
        b.append("</main>\n<footer>Made by <code>episodes view</code> from the manifests; aggregates only. "
                + "Everything is in this file, nothing is fetched.</footer>\n");
        return PageShell.document("Dataset overview", CSS, b.toString(), "");
    }

    private static void days(StringBuilder b, OverviewPage p) {
        b.append("<section><h2>Per day</h2><table class=\"days\"><thead><tr><th>partition</th><th>state</th>"
                + "<th>episodes</th><th>steps</th><th>redactions</th><th>frames</th><th>without frame</th>"
                + "<th>bytes</th><th>steps p50</th><th>seconds p50</th></tr></thead><tbody>");
        for (OverviewPage.Day d : p.days()) {
            PartitionStats st = d.stats();
            b.append("<tr><td>").append(Html.escape(d.date())).append("</td><td class=\"").append(d.state())
                    .append("\">").append(d.state()).append("</td><td>").append(SvgChart.count(d.episodes()))
                    .append("</td><td>").append(SvgChart.count(d.steps())).append("</td><td>")
                    .append(SvgChart.count(d.redactions())).append("</td><td>").append(SvgChart.count(d.frames()))
                    .append("</td><td>").append(SvgChart.count(d.framesFailed())).append("</td><td>")
                    .append(SvgChart.count(d.bytes())).append("</td><td>")
                    .append(st == null || st.episodeSteps() == null ? "-" : fmt(st.episodeSteps().p50()))
                    .append("</td><td>")
                    .append(st == null || st.episodeSeconds() == null ? "-" : fmt(st.episodeSeconds().p50()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table></section>\n");
    }

    private static void samples(StringBuilder b, OverviewPage p) {
        b.append("<section><h2>Sample episodes</h2>");
        if (p.samples().isEmpty()) {
            b.append("<p>none written (<code>--sample 0</code>, or no episodes)</p>");
        } else {
            b.append("<p class=\"legend\">The first episodes by start time of the newest partitions, written "
                    + "beside this page.</p><table class=\"samples\"><thead><tr><th>episode</th><th>partition</th>"
                    + "<th>steps</th><th>seconds</th></tr></thead><tbody>");
            for (OverviewPage.Sample s : p.samples()) {
                b.append("<tr><td><a class=\"sample\" href=\"").append(Html.escape(s.href())).append("\">")
                        .append(Html.escape(s.episodeId())).append("</a></td><td>").append(Html.escape(s.date()))
                        .append("</td><td>").append(SvgChart.count(s.steps())).append("</td><td>")
                        .append(fmt(s.seconds())).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("</section>\n");
    }

    private static void item(StringBuilder b, String term, String html) {
        b.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? SvgChart.count((long) v) : String.format(Locale.ROOT, "%,.1f", v);
    }
}
