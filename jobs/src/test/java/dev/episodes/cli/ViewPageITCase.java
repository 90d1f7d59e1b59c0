package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.browser.HeadlessChromium;
import dev.episodes.browser.PageVisit;
import dev.episodes.session.Episode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `episodes view` pages in a real browser (Debian's headless Chromium over the DevTools protocol, one for
 * the class): they load without an exception, console error or request leaving the file; show one step
 * element per step, the masks of a masked frame, placeholders; move between steps with the keyboard; and
 * render injected markup as text. Screenshots go to target/view-screenshots/ for people to look at.
 */
class ViewPageITCase {
    static final Path SCREENSHOTS = Path.of("target", "view-screenshots");

    @TempDir
    static Path dir;
    static Path root;
    static ViewDatasets data;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        root = dir.resolve("dataset");
        data = ViewDatasets.write(root);
        browser = HeadlessChromium.start(dir.resolve("chromium"));
        PageVisit.enable(browser.page());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Path episodePage(Episode e, String name) {
        Path out = dir.resolve(name + ".html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--episode", e.episodeId(), "--out",
                out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("wrote " + out), r.out());
        return out;
    }

    /** The episode's num_steps as its episodes row says, read back from the dataset. */
    private static int numSteps(Episode e) throws Exception {
        return dev.episodes.inspect.DatasetInspector.open(root).episode(e.episodeId(), null).episode().numSteps();
    }

    private static PageVisit open(Path page) throws Exception {
        PageVisit v = PageVisit.open(browser.page(), page);
        assertEquals(List.of(), v.problems(), "the page reported problems");
        assertEquals(List.of(), v.outsideRequests(), "the page asked for more than itself and data: URIs");
        return v;
    }

    private static int currentStep(PageVisit v) throws Exception {
        return v.eval("Number(document.querySelector('section.step.current').dataset.index)").asInt();
    }

    @Test
    void anEpisodePageShowsItsStepsFramesAndMasksAndMovesWithTheKeys() throws Exception {
        Episode e = data.signIn();
        PageVisit v = open(episodePage(e, "sign-in"));
        int steps = numSteps(e);
        assertEquals(steps, v.eval("document.querySelectorAll('section.step').length").asInt());
        assertEquals(steps, v.eval("document.querySelectorAll('rect.tick').length").asInt());
        assertEquals(1, v.eval("[...document.querySelectorAll('section.step')].filter(s => s.offsetParent !== null)"
                + ".length").asInt(), "one step is shown at a time");
        // frame A (steps 0, 1): one secure-field mask; frame B (steps 3...): a typed secret and a scope region
        assertEquals("secure_field", v.eval("[...document.querySelectorAll('#step-0 g.mask')]"
                + ".map(m => m.dataset.kind + ':' + m.querySelector('text').textContent).join()").asText()
                .split(":")[0]);
        assertEquals("typed_secret,scope_region", v.eval("[...document.querySelectorAll('#step-3 g.mask')]"
                + ".map(m => m.dataset.kind).join()").asText());
        assertEquals(2, v.eval("document.querySelectorAll('#step-3 g.mask rect.mask-box').length").asInt());
        assertEquals(1, v.eval("document.querySelectorAll('#step-0 use').length").asInt(), "the frame is shown");
        assertEquals(0, v.eval("document.querySelectorAll('#step-2 use').length").asInt(), "step 2 has no frame");
        assertTrue(v.eval("document.body.textContent").asText().contains("[EMAIL]"));
        assertEquals("[EMAIL],[PASSWORD]", v.eval("[...document.querySelectorAll('mark.placeholder')]"
                + ".map(m => m.textContent).slice(0, 2).join()").asText());
        assertTrue(v.eval("document.querySelectorAll('g.mark.drag line.path').length").asInt() == 1, "a drag path");
        assertTrue(v.eval("document.querySelectorAll('g.mark.scroll').length").asInt() >= 1, "a scroll mark");
        assertEquals("ctrl+c", v.eval("[...document.querySelectorAll('span.keys')].map(k => k.textContent)"
                + ".find(t => t.includes('+'))").asText());

        v.screenshot(SCREENSHOTS.resolve("episode-step-1.png"));
        assertEquals(0, currentStep(v));
        v.press("ArrowRight", 39);
        assertEquals(1, currentStep(v));
        v.press("ArrowRight", 39);
        v.press("ArrowRight", 39);
        assertEquals(3, currentStep(v));
        assertEquals("4 / " + steps, v.eval("document.getElementById('position').textContent").asText());
        v.screenshot(SCREENSHOTS.resolve("episode-step-4.png"));
        v.press("ArrowLeft", 37);
        assertEquals(2, currentStep(v));
        v.press("End", 35);
        assertEquals(steps - 1, currentStep(v));
        v.press("ArrowRight", 39);
        assertEquals(steps - 1, currentStep(v), "past the last step it stays");
        v.press("Home", 36);
        assertEquals(0, currentStep(v));
        assertEquals(List.of(), v.problems(), "moving between steps reported problems");
    }

    @Test
    void injectedMarkupIsShownAsTextAndNeverRuns() throws Exception {
        Episode e = data.adversarial();
        Path page = episodePage(e, "adversarial");
        PageVisit v = open(page);
        // the dataset does hold the injection (redaction left it): else this test would prove nothing
        String html = Files.readString(page);
        assertTrue(e.steps().stream().anyMatch(s -> ViewDatasets.TITLE.equals(s.context().windowTitle())),
                "the title reached the dataset unchanged");
        for (int i = 0; i < e.steps().size(); i++) {
            v.press("ArrowRight", 39); // every step shown once
        }
        assertEquals("undefined", v.eval("typeof " + ViewDatasets.FLAG).asText(), "injected script ran");
        String text = v.eval("[...document.querySelectorAll('section.step')].map(s => s.textContent).join('\\n')")
                .asText();
        assertTrue(text.contains(ViewDatasets.TITLE), "the title as text");
        assertTrue(text.contains(ViewDatasets.URL), "the URL as text");
        assertTrue(text.contains(ViewDatasets.NAME), "the element name as text");
        assertTrue(text.contains(ViewDatasets.TYPED), "the typed text as text");
        assertTrue(text.contains(ViewDatasets.MASK_KIND), "the mask kind as text");
        assertTrue(text.contains(ViewDatasets.RTL), "right-to-left and emoji text whole");
        assertEquals(0, v.eval("document.querySelectorAll('a, iframe, img, [onerror], [onload], #evil')"
                + ".length").asInt(), "no element came from the data");
        assertEquals(1, v.eval("document.scripts.length").asInt(), "only the page's own script");
        assertFalse(html.contains("<img"), "no img tag in the file");
        // the 200,000 x 100,000 screen: its step is drawn on frame B, the pointer scaled into it
        assertEquals(numSteps(e), v.eval("document.querySelectorAll('section.step').length").asInt());
        assertTrue(text.contains(ViewDatasets.HUGE_W + " \u00d7 " + ViewDatasets.HUGE_H), text);
        v.press("Home", 36);
        v.screenshot(SCREENSHOTS.resolve("adversarial.png"));
        v.press("End", 35);
        v.press("ArrowLeft", 37);
        v.screenshot(SCREENSHOTS.resolve("adversarial-huge-screen.png"));
        assertEquals(List.of(), v.problems());
        assertEquals(List.of(), v.outsideRequests());
    }

    @Test
    void withoutFramesThePointerIsOnACanvasOfTheScreenAndAMissingFrameIsSaid() throws Exception {
        Episode none = data.noFrames();
        PageVisit v = open(episodePage(none, "no-frames"));
        assertEquals(numSteps(none), v.eval("document.querySelectorAll('section.step').length").asInt());
        assertEquals(0, v.eval("document.querySelectorAll('section.step use').length").asInt());
        assertEquals(none.steps().size(), v.eval("document.querySelectorAll('figure.frame.screen "
                + "svg[viewBox=\"0 0 2560 1440\"] g.mark.pointer').length").asInt());
        v.screenshot(SCREENSHOTS.resolve("no-frames.png"));

        Episode missing = data.missingFrame();
        v = open(episodePage(missing, "missing-frame"));
        assertEquals(numSteps(missing), v.eval("document.querySelectorAll('section.step').length").asInt());
        assertEquals(1, v.eval("document.querySelectorAll('figure.frame.missing_frame').length").asInt());
        assertTrue(v.eval("document.querySelector('ul.issues').textContent").asText()
                .contains("1 frame the steps name is not in the partition's frames table"));
        v.press("End", 35);
        v.screenshot(SCREENSHOTS.resolve("missing-frame.png"));
    }

    @Test
    void theOverviewPlotsAggregatesAndLinksSamplePagesThatLoad() throws Exception {
        Path out = dir.resolve("site").resolve("overview.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--out", out.toString(), "--sample", "3");
        assertEquals(0, r.code(), r.out() + r.err());
        PageVisit v = open(out);
        for (String chart : List.of("partitions", "episodes-per-day", "steps-per-day", "steps-by-action",
                "redactions-by-kind", "top-apps", "episode-steps", "episode-seconds", "frames-per-day", "frames-failed",
                "dead-letters")) {
            assertEquals(1, v.eval("document.querySelectorAll('figure.chart[data-chart=\"" + chart + "\"] svg')"
                    + ".length").asInt(), chart + " is plotted");
        }
        assertEquals(2, v.eval("document.querySelectorAll('[data-chart=\"episodes-per-day\"] g.column').length")
                .asInt(), "two days");
        JsonNode links = v.eval("[...document.querySelectorAll('a.sample')].map(a => a.href)");
        assertEquals(3, links.size(), links.toString());
        String text = v.eval("document.documentElement.outerHTML").asText();
        for (Episode e : data.episodes) {
            assertFalse(text.contains(e.user()), "the overview names a person's pseudonym");
            assertFalse(text.contains(e.device()), "the overview names a device's pseudonym");
        }
        v.screenshot(SCREENSHOTS.resolve("overview.png"));
        for (JsonNode link : links) {
            Path sample = Path.of(java.net.URI.create(link.asText()));
            assertTrue(Files.isRegularFile(sample), sample + " was written beside the overview");
            PageVisit s = open(sample);
            assertTrue(s.eval("document.querySelectorAll('section.step').length").asInt() > 0);
        }
    }
}
