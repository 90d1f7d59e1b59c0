package dev.episodes.view;

import dev.episodes.inspect.EpisodeRow;
import dev.episodes.inspect.FrameRow;
import dev.episodes.inspect.StepRow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An episode as one self-contained HTML page: a summary, a timeline of its steps, and one section per step
 * with its frame (masks outlined, pointer marked) and what it did and where. Each frame's bytes are
 * embedded once and each step refers to them; the script only moves between steps (arrow keys, the
 * timeline, the buttons). The person's and device's pseudonyms are not shown: looking needs neither.
 */
public final class EpisodeHtml {
    static final String CSS = Resources.text("episode.css");
    static final String SCRIPT = Resources.text("episode.js");
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Actions with a colour of their own on the timeline; any other is drawn as "other". */
    private static final Set<String> ACTIONS = Set.of("click", "double_click", "triple_click", "right_click",
            "middle_click", "drag", "scroll", "type", "key", "hotkey");

    private EpisodeHtml() {}

    public static String render(EpisodePage page) {
        EpisodeRow e = page.episode();
        StringBuilder b = new StringBuilder();
        b.append("<header><h1>Episode <code>").append(Html.escape(e.episodeId())).append("</code></h1>\n");
        summary(b, page);
        b.append("</header>\n");
        timeline(b, page);
        defs(b, page);
        b.append("<main id=\"steps\">\n");
        List<StepRow> steps = page.steps();
        for (int i = 0; i < steps.size(); i++) {
            step(b, page, i, steps.get(i));
        }
        if (steps.isEmpty()) {
            b.append("<p class=\"empty\">This episode has no steps.</p>\n");
        }
        b.append("</main>\n<footer>Arrow keys (or j / k, Home / End) move between steps. Made by "
                + "<code>episodes view</code>; everything is in this file, nothing is fetched.</footer>\n");
        return PageShell.document("Episode " + e.episodeId(), CSS, b.toString(), SCRIPT);
    }

    private static void summary(StringBuilder b, EpisodePage page) {
        EpisodeRow e = page.episode();
        b.append("<dl class=\"summary\">");
        item(b, "partition", Html.escape(page.partition()));
        item(b, "start", Html.escape(time(e.startTsUs())));
        item(b, "length", Html.escape(seconds(e.endTsUs() - e.startTsUs())));
        item(b, "steps", e.numSteps() + (e.numSteps() == page.stepsInFile() ? "" : " (the steps file holds "
                + page.stepsInFile() + ")") + (page.cut() ? "; the first " + page.steps().size() + " shown" : ""));
        item(b, "apps", e.apps().isEmpty() ? "-" : join(e.apps()));
        item(b, "redactions", Integer.toString(e.redactionCount()));
        long framed = page.steps().stream().filter(s -> s.frameId() != null).count();
        item(b, "frames", page.frames().size() + " stored, on " + framed + " of " + page.steps().size() + " steps"
                + (page.missingFrames().isEmpty() ? "" : "; " + page.missingFrames().size() + " missing"));
        b.append("</dl>\n");
        List<String> issues = new java.util.ArrayList<>(page.issues());
        int missing = page.missingFrames().size();
        if (missing > 0) {
            issues.add(missing + (missing == 1 ? " frame" : " frames") + " the steps name " + (missing == 1 ? "is" : "are")
                    + " not in the partition's frames table");
        }
        if (page.cut()) {
            issues.add(String.format(Locale.ROOT, "only the first %,d of %,d steps are shown (a page of every step "
                    + "would be too big to open); view --episode --max-steps %d shows them all", page.steps().size(),
                    page.stepsInFile(), page.stepsInFile()));
        }
        if (!issues.isEmpty()) {
            b.append("<ul class=\"issues\">");
            issues.forEach(i -> b.append("<li>").append(Html.escape(i)).append("</li>"));
            b.append("</ul>\n");
        }
    }

    /** One tick per step along the episode's time; the current step's is highlighted. */
    private static void timeline(StringBuilder b, EpisodePage page) {
        long start = page.episode().startTsUs();
        long span = Math.max(1, page.episode().endTsUs() - start);
        b.append("<nav class=\"timeline\"><button type=\"button\" id=\"prev\" aria-label=\"previous step\">&#8592;"
                + "</button><svg class=\"ticks\" viewBox=\"0 0 1000 24\" preserveAspectRatio=\"none\">"
                + "<rect class=\"track\" x=\"0\" y=\"10\" width=\"1000\" height=\"4\"/>");
        List<StepRow> steps = page.steps();
        for (int i = 0; i < steps.size(); i++) {
            StepRow s = steps.get(i);
            double at = Math.max(0, Math.min(1, (double) (s.tsUs() - start) / span)) * 994;
            b.append("<rect class=\"tick a-").append(actionClass(s.action())).append("\" data-step=\"").append(i)
                    .append("\" x=\"").append(StepMarks.n(at)).append("\" y=\"2\" width=\"6\" height=\"20\"><title>")
                    .append(i + 1).append(": ").append(Html.escape(s.action())).append("</title></rect>");
        }
        b.append("</svg><button type=\"button\" id=\"next\" aria-label=\"next step\">&#8594;</button>"
                + "<span id=\"position\">").append(steps.isEmpty() ? "0 / 0" : "1 / " + steps.size())
                .append("</span></nav>\n");
    }

    /** Each frame's image once; steps show it by reference. */
    private static void defs(StringBuilder b, EpisodePage page) {
        b.append("<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>");
        int i = 0;
        for (FrameRow f : page.frames().values()) {
            String uri = ImageData.uri(f.image(), page.imageType(f));
            if (uri != null) {
                b.append("<image id=\"frame-").append(i).append("\" x=\"0\" y=\"0\" width=\"")
                        .append(Math.max(1, f.width())).append("\" height=\"").append(Math.max(1, f.height()))
                        .append("\" preserveAspectRatio=\"none\" href=\"").append(uri).append("\"/>");
            }
            i++;
        }
        b.append("</defs></svg>\n");
    }

    private static void step(StringBuilder b, EpisodePage page, int i, StepRow s) {
        EpisodePage.Surface surface = page.surface(s);
        b.append("<section class=\"step a-").append(actionClass(s.action())).append(i == 0 ? " current" : "")
                .append("\" id=\"step-").append(i).append("\" data-index=\"").append(i).append("\">\n<h2>Step ")
                .append(i + 1).append(" of ").append(page.steps().size()).append(": <span class=\"action\">")
                .append(Html.escape(s.action())).append("</span> <small>+")
                .append(Html.escape(seconds(s.tsUs() - page.episode().startTsUs()))).append("</small></h2>\n")
                .append("<div class=\"body\"><figure class=\"frame ")
                .append(surface.kind().name().toLowerCase(Locale.ROOT)).append("\">")
                .append(StepMarks.svg(s, surface)).append("<figcaption>").append(caption(s, surface))
                .append("</figcaption></figure>\n<dl class=\"context\">");
        item(b, "action", "<span class=\"action\">" + Html.escape(s.action()) + "</span>");
        item(b, "time", Html.escape(time(s.tsUs())) + (s.endTsUs() > s.tsUs()
                ? " for " + Html.escape(seconds(s.endTsUs() - s.tsUs())) : ""));
        if (s.x() != null || s.y() != null) {
            item(b, s.action() != null && s.action().equals("drag") ? "from" : "pointer", point(s.x(), s.y()));
        }
        if (s.toX() != null || s.toY() != null) {
            item(b, "to", point(s.toX(), s.toY()));
        }
        if (s.scrollDx() != null || s.scrollDy() != null) {
            item(b, "scroll", "dx " + number(s.scrollDx()) + ", dy " + number(s.scrollDy()));
        }
        if (s.text() != null) {
            item(b, "text", TypedText.html(s.text()));
        }
        if (s.keys() != null) {
            item(b, "keys", keys(s.keys()));
        }
        item(b, "app", value(s.app()));
        item(b, "window", value(s.windowTitle()));
        // shown as text, never a link: a URL from the data must not become something to follow or fetch
        item(b, "url", s.url() == null ? "-" : "<code class=\"url\">" + Html.bdi(s.url()) + "</code>");
        item(b, "element", s.elementRole() == null && s.elementName() == null ? "-"
                : value(s.elementRole()) + (s.elementName() == null ? "" : " " + "&#8220;"
                        + Html.bdi(s.elementName()) + "&#8221;"));
        item(b, "screen", s.screenW() == null || s.screenH() == null ? "-"
                : s.screenW() + " &#215; " + s.screenH());
        item(b, "redactions", s.redactions().isEmpty() ? "none" : join(s.redactions()));
        b.append("</dl></div>\n</section>\n");
    }

    private static String caption(StepRow s, EpisodePage.Surface surface) {
        return switch (surface.kind()) {
            case FRAME -> {
                FrameRow f = surface.frame();
                Map<String, Long> byKind = new TreeMap<>();
                f.masks().forEach(m -> byKind.merge(m.kind(), 1L, Long::sum));
                StringBuilder c = new StringBuilder("frame <code>").append(Html.escape(f.frameId())).append("</code>, ")
                        .append(f.width()).append(" &#215; ").append(f.height());
                if (!surface.image()) {
                    c.append(", frame not an image: its bytes are not a PNG or JPEG image");
                }
                c.append(byKind.isEmpty() ? ", no masks" : ", masks:");
                byKind.forEach((k, n) -> c.append(' ').append(Html.bdi(k)).append(" &#215;").append(n));
                if (surface.unscaled() && (s.x() != null || s.y() != null || s.toX() != null || s.toY() != null)) {
                    c.append("; screen size unknown: the pointer is not scaled to the frame")
                            .append(StepMarks.pointerInside(s, surface) ? "" : " and, off the frame, not drawn");
                }
                yield c.toString();
            }
            case MISSING_FRAME -> "frame <code>" + Html.escape(s.frameId()) + "</code> is not in the partition's "
                    + "frames table: the pointer on " + (knownScreen(s)
                    ? "the " + surface.width() + " &#215; " + surface.height() + " screen"
                    : "a " + surface.width() + " &#215; " + surface.height() + " canvas (screen size unknown)");
            case SCREEN -> "no frame: the pointer on the " + s.screenW() + " &#215; " + s.screenH() + " screen";
            case UNKNOWN_SCREEN -> "no frame, screen size unknown: the pointer on a " + EpisodePage.FALLBACK_W
                    + " &#215; " + EpisodePage.FALLBACK_H + " canvas";
        };
    }

    private static boolean knownScreen(StepRow s) {
        return s.screenW() != null && s.screenH() != null && s.screenW() > 0 && s.screenH() > 0;
    }

    private static String keys(String keys) {
        // the keys isolated from the page, each key from the others (kbd is unicode-bidi: isolate in the CSS)
        StringBuilder k = new StringBuilder("<span class=\"keys\"><bdi>");
        String[] parts = keys.equals("+") ? new String[] {"+"} : keys.split("\\+", -1);
        for (int i = 0; i < parts.length; i++) {
            k.append(i == 0 ? "" : "+").append("<kbd>").append(Html.escape(parts[i])).append("</kbd>");
        }
        return k.append("</bdi></span>").toString();
    }

    private static void item(StringBuilder b, String term, String html) {
        b.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>");
    }

    private static String value(String s) {
        return s == null ? "-" : Html.bdi(s);
    }

    private static String join(List<String> values) {
        StringBuilder j = new StringBuilder();
        for (String v : values) {
            j.append(j.length() == 0 ? "" : ", ").append(Html.bdi(v));
        }
        return j.toString();
    }

    private static String point(Integer x, Integer y) {
        return "(" + number(x) + ", " + number(y) + ")";
    }

    private static String number(Integer n) {
        return n == null ? "?" : n.toString();
    }

    static String actionClass(String action) {
        return action != null && ACTIONS.contains(action) ? action.replace('_', '-') : "other";
    }

    static String time(long us) {
        return UTC.format(Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000));
    }

    static String seconds(long us) {
        return String.format(Locale.ROOT, "%.3f s", us / 1e6);
    }
}
