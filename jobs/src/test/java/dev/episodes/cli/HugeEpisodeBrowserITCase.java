package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.browser.HeadlessChromium;
import dev.episodes.browser.PageVisit;
import dev.episodes.inspect.EpisodeRow;
import dev.episodes.inspect.StepRow;
import dev.episodes.view.EpisodeHtml;
import dev.episodes.view.EpisodePage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team: how big and slow is the page of a long episode in the browser? The page is rendered as the
 * command renders it (EpisodeHtml, with view's default --max-steps), without frames, so only the steps
 * count; a page a person cannot open (a load of more than 15 s, or the End key taking seconds) is as good
 * as none. All 100,000 steps were a 125 MB page with no load event in 20 s: the page holds the first
 * {@link EpisodePage#DEFAULT_MAX_STEPS} and says so (ViewCommandTest covers the flag and the stderr note).
 * The figures are printed.
 */
class HugeEpisodeBrowserITCase {
    static final long T0 = 1_764_403_200_000_000L;

    @TempDir
    static Path dir;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start(dir.resolve("chromium"));
        PageVisit.enable(browser.page());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    static Path page(int n, int maxSteps) throws Exception {
        List<StepRow> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(new StepRow(i, T0 + i * 1_000L, T0 + i * 1_000L, i % 7 == 0 ? "type" : "click", 100 + i % 900,
                    200, null, null, null, null, i % 7 == 0 ? "hello [EMAIL]" : null, null, "Chrome", "Inbox - Mail",
                    "https://mail.example/inbox", "button", "Send", null, 2560, 1440, List.of(), null));
        }
        EpisodeRow e = new EpisodeRow("huge", "u", "d", T0, T0 + (n - 1) * 1_000L, n, List.of("Chrome"), 0,
                "steps/x.parquet", "train");
        Path out = dir.resolve("huge-" + n + ".html");
        Files.writeString(out, EpisodeHtml.render(new EpisodePage("dt=2025-11-29", e, steps, List.of(), Map.of(),
                maxSteps)), StandardCharsets.UTF_8);
        return out;
    }

    /** Loads the page of an {@code n}-step episode; {@code shown}: the steps it must hold. */
    static PageVisit loads(int n, int shown, long maxMs) throws Exception {
        Path file = page(n, EpisodePage.DEFAULT_MAX_STEPS);
        long t = System.nanoTime();
        PageVisit v = PageVisit.open(browser.page(), file);
        long load = (System.nanoTime() - t) / 1_000_000;
        assertEquals(shown, v.eval("document.querySelectorAll('section.step').length").asInt());
        t = System.nanoTime();
        v.press("End", 35);
        assertEquals(shown - 1, v.eval("Number(document.querySelector('section.step.current').dataset.index)").asInt());
        long end = (System.nanoTime() - t) / 1_000_000;
        System.out.printf("[redteam] %,d steps (%,d shown): %,d bytes, loaded in %,d ms, End key %,d ms%n", n, shown,
                Files.size(file), load, end);
        assertTrue(load < maxMs, n + " steps: the page took " + load + " ms to load (" + Files.size(file) + " bytes)");
        assertEquals(List.of(), v.problems());
        return v;
    }

    @Test
    void aHundredThousandStepsLoadAsTheirFirstStepsAndThePageSaysSo() throws Exception {
        PageVisit v = loads(100_000, EpisodePage.DEFAULT_MAX_STEPS, 15_000);
        String issues = v.eval("document.querySelector('ul.issues').textContent").asText();
        assertTrue(issues.contains("only the first 5,000 of 100,000 steps are shown"), issues);
        assertTrue(issues.contains("--max-steps 100000"), issues);
        assertEquals("5000 / 5000", v.eval("document.getElementById('position').textContent").asText());
    }

    @Test
    void anEpisodeBelowTheLimitLoadsWhole() throws Exception {
        loads(2_000, 2_000, 15_000);
    }
}
