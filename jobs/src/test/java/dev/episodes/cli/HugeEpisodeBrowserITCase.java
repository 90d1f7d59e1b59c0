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
 * command renders it (EpisodeHtml), without frames, so only the steps count; a page a person cannot open
 * (a load of more than 15 s, or the End key taking seconds) is as good as none. The figures are printed.
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

    static Path page(int n) throws Exception {
        List<StepRow> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(new StepRow(i, T0 + i * 1_000L, T0 + i * 1_000L, i % 7 == 0 ? "type" : "click", 100 + i % 900,
                    200, null, null, null, null, i % 7 == 0 ? "hello [EMAIL]" : null, null, "Chrome", "Inbox - Mail",
                    "https://mail.example/inbox", "button", "Send", null, 2560, 1440, List.of(), null));
        }
        EpisodeRow e = new EpisodeRow("huge", "u", "d", T0, T0 + (n - 1) * 1_000L, n, List.of("Chrome"), 0,
                "steps/x.parquet", "train");
        Path out = dir.resolve("huge-" + n + ".html");
        Files.writeString(out, EpisodeHtml.render(new EpisodePage("dt=2025-11-29", e, steps, List.of(), Map.of())),
                StandardCharsets.UTF_8);
        return out;
    }

    static void loads(int n, long maxMs) throws Exception {
        Path file = page(n);
        long t = System.nanoTime();
        PageVisit v = PageVisit.open(browser.page(), file);
        long load = (System.nanoTime() - t) / 1_000_000;
        assertEquals(n, v.eval("document.querySelectorAll('section.step').length").asInt());
        t = System.nanoTime();
        v.press("End", 35);
        assertEquals(n - 1, v.eval("Number(document.querySelector('section.step.current').dataset.index)").asInt());
        long end = (System.nanoTime() - t) / 1_000_000;
        System.out.printf("[redteam] %,d steps: %,d bytes, loaded in %,d ms, End key %,d ms%n", n, Files.size(file),
                load, end);
        assertTrue(load < maxMs, n + " steps: the page took " + load + " ms to load (" + Files.size(file) + " bytes)");
        assertEquals(List.of(), v.problems());
    }

    @Test
    void tenThousandStepsLoad() throws Exception {
        loads(10_000, 15_000);
    }

    @Test
    void aHundredThousandStepsLoad() throws Exception {
        loads(100_000, 15_000);
    }
}
