package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.RawEvent;
import dev.episodes.inspect.DatasetInspector;
import dev.episodes.inspect.DatasetOverview;
import dev.episodes.session.Episode;
import dev.episodes.testing.Events;
import dev.episodes.testing.FramesDatasets;
import dev.episodes.testing.Timeline;
import dev.episodes.writing.PartitionStats;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overview from a dataset's manifests: its plots, and nothing per person. */
class OverviewHtmlTest {
    @TempDir
    Path root;

    private List<Episode> write() throws Exception {
        List<RawEvent> events = Events.script().context(0, "Chrome", "Sign in", "textbox", "Email", false)
                .click(100, 700, 400).type(300, "ana@example.com").press(2_000, "Enter", 0)
                .context(3_000, "Finder", "Downloads", "button", "Open", false).click(3_100, 50, 60)
                .context(24 * 3600 * 1000L, "Finder", "Downloads", "button", "Open", false)
                .click(24 * 3600 * 1000L + 100, 50, 60).list();
        List<Episode> episodes = Timeline.run(events).episodes;
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        hooks.stats = true;
        FramesDatasets.write(root, episodes, hooks);
        return episodes;
    }

    @Test
    void plotsEveryAggregateAndNamesNoPersonOrDevice() throws Exception {
        List<Episode> episodes = write();
        DatasetOverview o = DatasetInspector.open(root).overview(false);
        String html = OverviewHtml.render(OverviewPage.of(o, "all partitions", List.of(OverviewPage.Sample.of(
                DatasetInspector.open(root).partition(java.time.LocalDate.parse("2025-11-29"), 1, false).episodes()
                        .get(0), "2025-11-29", "overview-episodes/episode-x.html"))));
        for (String chart : List.of("partitions", "episodes-per-day", "steps-per-day", "steps-by-action",
                "redactions-by-kind", "top-apps", "episode-steps", "episode-seconds", "frames-per-day", "frames-failed")) {
            assertTrue(html.contains("<figure class=\"chart\" data-chart=\"" + chart + "\">"), chart);
        }
        assertTrue(html.contains("<figure class=\"chart empty\" data-chart=\"dead-letters\">"), "none here");
        assertEquals(6, EpisodeHtmlTest.count(html, "<g class=\"column\" data-day=\"2025-11-"), "2 days in 3 "
                + "charts: " + html);
        assertTrue(html.contains(">EMAIL</text>"), "redactions by kind");
        assertTrue(html.contains(">Finder</text>"), "apps");
        assertTrue(html.contains("<a class=\"sample\" href=\"overview-episodes/episode-x.html\">"));
        for (Episode e : episodes) {
            assertFalse(html.contains(e.user()), "the user's pseudonym " + e.user());
            assertFalse(html.contains(e.device()), "the device's pseudonym " + e.device());
        }
        assertFalse(html.contains(FramesDatasets.RUN), "nor the run or key that built it");
        assertFalse(html.contains("<script"), "the overview runs no script");
        assertTrue(html.contains("script-src 'none'"));
    }

    @Test
    void namesFromTheDataAreEscapedOnThePlots() {
        Map<String, Long> apps = new LinkedHashMap<>();
        apps.put("<script>alert(1)</script>", 3L);
        apps.put("a very long application name that goes on and on", 1L);
        OverviewPage p = new OverviewPage("/data/<x>", "1.1", "all partitions", List.of(new OverviewPage.Day(
                "2025-11-29", "complete", 1, 2, 0, 0, 100, 0, new PartitionStats(Map.of(),
                        new PartitionStats.Distribution(1, 2, 3, 4, 5, 2.5), null, apps))),
                Map.of("click", 2L), Map.of(), apps, Map.of("bad\"reason", 1L), 1, Map.of(), Map.of(), List.of(),
                List.of());
        String html = OverviewHtml.render(p);
        assertFalse(html.contains("<script>alert"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("/data/&lt;x&gt;"));
        assertTrue(html.contains("bad&quot;reason"));
        assertTrue(html.contains(">a very long application nam\u2026</text>"), "cut on the plot");
        assertTrue(html.contains("<title>a very long application name that goes on and on: 1</title>"), "whole in "
                + "its tooltip");
        assertTrue(html.contains("<figure class=\"chart empty\" data-chart=\"episode-seconds\">"), "none here");
        assertTrue(html.contains(">p50 2 p90 3 p99 4 max 5 steps</text>"), "the steps distribution");
    }

    @Test
    void pageNamesNeverComeFromAnIdThatIsNotAPlainName() {
        assertEquals("episode-4c908cc9ff975f18.html", PageNames.episodeFile("4c908cc9ff975f18"));
        for (String bad : List.of("../../etc/passwd", "a/b", "javascript:alert(1)", ".hidden", "", "x".repeat(200))) {
            String name = PageNames.episodeFile(bad);
            assertTrue(name.matches("episode-sha256-[0-9a-f]{24}\\.html"), bad + " -> " + name);
        }
        assertEquals("my%20site%23-episodes/episode-a.html",
                PageNames.href(PageNames.samplesFolder("my site#.html"), "episode-a.html"));
    }
}
