package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.browser.HeadlessChromium;
import dev.episodes.browser.PageVisit;
import dev.episodes.inspect.EpisodeRow;
import dev.episodes.inspect.StepRow;
import dev.episodes.testing.Await;
import dev.episodes.view.EpisodeHtml;
import dev.episodes.view.EpisodePage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team: the Content-Security-Policy as the second wall (docs/view.md, "Safe to open"). Each case
 * splices markup into a real episode page's body, as a failed escape would, loads it in Chromium and
 * waits 0.7 s after the load event (parse-time requests come before it, an onload handler at it; 2 s a
 * case made the class 29 s): no injected script may run and no request may leave the file. A navigation
 * (a meta refresh) is the one thing no CSP can refuse: its own test pins that limit as documented.
 */
class CspSecondWallBrowserITCase {
    static final String EVIL = "https://evil.example/";
    static final long T0 = 1_764_403_200_000_000L;

    @TempDir
    static Path dir;
    static HeadlessChromium browser;
    static String page;

    @BeforeAll
    static void start() throws Exception {
        StepRow s = new StepRow(0, T0, T0, "click", 10, 10, null, null, null, null, null, null, "Chrome", "t",
                "https://x/", "button", "OK", null, 100, 100, List.of(), null);
        EpisodeRow e = new EpisodeRow("csp", "u", "d", T0, T0, 1, List.of("Chrome"), 0, "steps/x.parquet", null);
        page = EpisodeHtml.render(new EpisodePage("dt=2025-11-29", e, List.of(s), List.of(), Map.of()));
        browser = HeadlessChromium.start(dir.resolve("chromium"));
        PageVisit.enable(browser.page());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Requests other than the file and data: URIs that the policy did not refuse. */
    static List<String> notBlocked(String self) {
        java.util.Set<String> refused = new java.util.HashSet<>();
        Map<String, String> failed = new java.util.HashMap<>();
        browser.page().events("Network.loadingFailed").forEach(e -> {
            String id = e.path("params").path("requestId").asText();
            if (!e.path("params").path("blockedReason").asText().isEmpty()) { // csp, or origin (an external <use>)
                refused.add(id);
            }
            failed.put(id, e.path("params").path("errorText").asText() + " "
                    + e.path("params").path("blockedReason").asText());
        });
        List<String> out = new java.util.ArrayList<>();
        browser.page().events("Network.requestWillBeSent").forEach(e -> {
            String url = e.path("params").path("request").path("url").asText();
            String id = e.path("params").path("requestId").asText();
            if (!url.startsWith("data:") && !url.equals(self) && !refused.contains(id)) {
                out.add(url + " (" + e.path("params").path("type").asText() + "; " + failed.getOrDefault(id, "not failed")
                        + ")");
            }
        });
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=2\">",
        "<img src=\"" + EVIL + "a.png\"><img srcset=\"" + EVIL + "b.png 1x\">",
        "<style>@import url(" + EVIL + "c.css);</style><div style=\"background:url(" + EVIL + "d.png)\">x</div>",
        "<svg><image href=\"" + EVIL + "e.png\"/><use href=\"" + EVIL + "f.svg#a\"/></svg>",
        "<iframe src=\"" + EVIL + "\"></iframe><iframe srcdoc=\"<script>parent.__pwned=3</script>\"></iframe>",
        "<object data=\"" + EVIL + "o\"></object><embed src=\"" + EVIL + "m\">",
        "<link rel=stylesheet href=\"" + EVIL + "s.css\"><link rel=prefetch href=\"" + EVIL + "p\">",
        "<link rel=preload as=image href=\"" + EVIL + "pl.png\"><link rel=icon href=\"" + EVIL + "i.ico\">",
        "<video poster=\"" + EVIL + "v.png\" src=\"" + EVIL + "v.mp4\"></video><input type=image src=\"" + EVIL
                + "in.png\">",
        "<base href=\"" + EVIL + "\"><img src=\"relative.png\">",
        "<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><image href='" + EVIL
                + "n.png'/></svg>\">",
        "<form action=\"" + EVIL + "f\" id=f><input name=q value=1></form><svg><set href=#f attributeName=action "
                + "to=x /></svg><img src=data:, onload=\"document.getElementById('f').submit()\">",
    })
    void anInjectionThatGotPastTheEscapeIsStillRefused(String injection) throws Exception {
        PageVisit v = open(injection);
        try {
            Await.until("a request leaving the file", Duration.ofMillis(700), () -> !notBlocked(v.url().toString()).isEmpty());
        } catch (AssertionError none) {
            // none in 2 s: as it should be
        }
        // DevTools reports a request the browser refused too (then loadingFailed with a blockedReason, "csp"):
        // only the others left the page. A meta refresh is a navigation, which no CSP directive here governs
        assertEquals(List.of(), notBlocked(v.url().toString()), "requests despite the policy for " + injection);
        assertEquals("undefined", v.eval("typeof window.__pwned").asText(), "script ran despite the policy");
    }

    static PageVisit open(String injection) throws Exception {
        String html = page.replaceFirst("<body>\n", java.util.regex.Matcher.quoteReplacement("<body>\n" + injection));
        assertTrue(html.contains(injection));
        Path file = dir.resolve("csp-" + Integer.toHexString(injection.hashCode()) + ".html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return PageVisit.open(browser.page(), file);
    }

    /**
     * A spliced {@code <meta http-equiv="refresh">} navigates the tab to another address: a navigation is
     * no fetch of the page's, no CSP directive a page can set for itself governs it ({@code navigate-to}
     * never shipped; {@code sandbox} is ignored in a meta element), so the second wall cannot refuse it.
     * The escape is the only wall here, and docs/view.md says so rather than claim every request is
     * refused. This pins the limit as documented: the navigation is the only request that leaves, it is a
     * document's, and no script runs; should a browser ever refuse it, the first assertion fails and the
     * case belongs back with the others.
     */
    @org.junit.jupiter.api.Test
    void aMetaRefreshNavigatesAwayAsDocumentedButRunsNothing() throws Exception {
        String injection = "<meta http-equiv=\"refresh\" content=\"0;url=" + EVIL + "r\">";
        PageVisit v = open(injection);
        String self = v.url().toString();
        Await.until("the refresh's navigation", Duration.ofSeconds(5), () -> !notBlocked(self).isEmpty());
        List<String> left = notBlocked(self);
        assertEquals(1, left.size(), left.toString());
        assertTrue(left.get(0).startsWith(EVIL + "r (Document;"), left.toString());
        assertEquals("undefined", v.eval("typeof window.__pwned").asText(), "script ran despite the policy");
        String doc = Files.readString(Path.of("..", "docs", "view.md"));
        assertTrue(doc.contains("<meta http-equiv=\"refresh\">") && doc.contains("navigation"),
                "docs/view.md does not name the limit");
    }
}
