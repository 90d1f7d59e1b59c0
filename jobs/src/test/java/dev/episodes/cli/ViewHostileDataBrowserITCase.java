package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.browser.HeadlessChromium;
import dev.episodes.browser.PageVisit;
import dev.episodes.event.RawEvent;
import dev.episodes.schema.output.FrameImage;
import dev.episodes.schema.output.FrameMask;
import dev.episodes.session.Episode;
import dev.episodes.testing.Events;
import dev.episodes.testing.FramesDatasets;
import dev.episodes.testing.Timeline;
import dev.episodes.writing.DatasetLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team, in the real browser: a dataset whose every recorder-controlled field (window title, URL, app,
 * element role and name, typed text, keys, action, redaction kinds, mask kinds, frame bytes, dead-letter
 * reasons) holds a payload that would run script or fetch if it ever became markup: context breakers for
 * attributes, {@code <style>}, {@code <script>}, {@code <svg>}, {@code <textarea>}, {@code <title>}, comments
 * and CDATA; CSS {@code url()} and {@code @import}; SVG {@code href} and {@code xlink:href}; {@code srcset};
 * meta refresh; {@code <base>}; form actions; {@code javascript:} and {@code data:} URIs of other types;
 * mutation-XSS through MathML; frame bytes that are SVG or HTML behind an image signature. The steps and
 * frames files are changed after the timeline (a hostile file, not what our redaction would let through).
 */
class ViewHostileDataBrowserITCase {
    static final String FLAG = "window.__pwned";
    static final String EVIL = "https://evil.example/";
    static final List<String> PAYLOADS = List.of(
            "\"><img src=x onerror=" + FLAG + "=1>",
            "'\" onmouseover='" + FLAG + "=2' autofocus onfocus='" + FLAG + "=2' x='",
            "</title></style></script></textarea></svg></bdi></code><script>" + FLAG + "=3</script>",
            "<style>@import url(" + EVIL + "a.css);body{background:url(" + EVIL + "b.png)}</style>",
            "<svg><image href=\"" + EVIL + "c.png\"/><use xlink:href=\"" + EVIL + "d.svg#x\"/></svg>",
            "<img srcset=\"" + EVIL + "e.png 1x\"><picture><source srcset=\"" + EVIL + "e2.png\"></picture>",
            "<meta http-equiv=\"refresh\" content=\"0;url=" + EVIL + "f\">",
            "<form action=\"" + EVIL + "g\"><button formaction=\"" + EVIL + "g2\">go</button></form>",
            "javascript:" + FLAG + "=4",
            "<iframe src=\"data:text/html,<script>parent.__pwned=5</script>\"></iframe>",
            "<object data=\"data:image/svg+xml,<svg onload=top.__pwned=6>\"></object><embed src=\"" + EVIL + "h\">",
            "<link rel=stylesheet href=\"" + EVIL + "i.css\"><base href=\"" + EVIL + "\">",
            "<!-- <![CDATA[ --> ]]> <textarea><script>" + FLAG + "=7</script>",
            "<math><mtext><table><mglyph><style><img src=x onerror=" + FLAG + "=8>",
            "&lt;script&gt;" + FLAG + "=9&lt;/script&gt; &#x3c;b&#x3e;",
            "<a href=\"file:///etc/passwd\">f</a><video poster=\"" + EVIL + "j.png\"></video>",
            "<svg><a xlink:href=\"javascript:" + FLAG + "=10\"><text>x</text></a><animate attributeName=href "
                    + "to=javascript:" + FLAG + "=11 /></svg>",
            "<template shadowrootmode=open><img src=x onerror=" + FLAG + "=12></template>");
    /** The elements the page itself is made of: anything else came from the data. */
    static final Set<String> PAGE_TAGS = Set.of("html", "head", "meta", "title", "style", "body", "header", "h1",
            "code", "dl", "dt", "dd", "ul", "li", "nav", "button", "svg", "rect", "span", "defs", "image", "main",
            "section", "h2", "small", "div", "figure", "use", "g", "text", "circle", "path", "line", "polygon",
            "figcaption", "bdi", "mark", "kbd", "p", "footer", "script", "table", "thead", "tbody", "tr", "th", "td",
            "a");

    @TempDir
    static Path dir;
    static Path root;
    static Episode hostile;
    static HeadlessChromium browser;

    static String payload(int i) {
        return PAYLOADS.get(Math.floorMod(i, PAYLOADS.size()));
    }

    static byte[] bytes(byte[] head, String tail) {
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(head, head.length + t.length);
        System.arraycopy(t, 0, out, head.length, t.length);
        return out;
    }

    @BeforeAll
    static void start() throws Exception {
        root = dir.resolve("dataset");
        Events script = Events.script().context(0, PAYLOADS.get(0), "t", "button", "OK", false);
        for (int i = 0; i < PAYLOADS.size(); i++) {
            script.click(100 + i * 500L, 10 + i, 20 + i);
        }
        script.press(20_000, "a", dev.episodes.event.Modifiers.CTRL);
        List<RawEvent> events = script.list();
        List<Episode> episodes = Timeline.run(events).episodes;
        hostile = episodes.get(0);
        String id = hostile.episodeId();
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        hooks.stats = true;
        hooks.steps = rows -> rows.forEach(r -> {
            int i = r.getStepIndex();
            r.setWindowTitle(payload(i));
            r.setUrl(payload(i + 1));
            r.setApp(payload(i + 2));
            r.setElementRole(payload(i + 3));
            r.setElementName(payload(i + 4));
            r.setText(payload(i + 5) + " [PASSWORD] " + payload(i + 6));
            r.setKeys("ctrl+" + payload(i + 7));
            r.setRedactions(List.of(payload(i + 8)));
            if (i % 3 == 2) {
                r.setAction(payload(i + 9));
            }
        });
        byte[] pngHead = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"top.__pwned=20\"><script>top.__pwned=21"
                + "</script><image href=\"" + EVIL + "k.png\"/></svg>";
        hooks.frames = rows -> {
            for (int k = 0; k < rows.size(); k++) {
                var f = rows.get(k);
                List<FrameMask> masks = new ArrayList<>(f.getMasks());
                for (int i = 0; i < PAYLOADS.size(); i++) {
                    masks.add(new FrameMask(i * 3, i * 2, 5, 4, PAYLOADS.get(i)));
                }
                f.setMasks(masks);
                // frame A: SVG behind a full PNG signature; frame B: HTML behind a JPEG start of image
                f.setImage(new FrameImage(ByteBuffer.wrap(k == 0 ? bytes(pngHead, svg)
                        : bytes(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, "<html><script>top.__pwned=22"
                                + "</script><img src=\"" + EVIL + "l.png\">")), null));
            }
        };
        FramesDatasets.write(root, episodes, hooks);
        Path rejected = root.resolve(DatasetLayout.REJECTED);
        Files.createDirectories(rejected);
        StringBuilder dead = new StringBuilder();
        for (String p : PAYLOADS) {
            dead.append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of("reason", p))).append('\n');
        }
        Files.writeString(rejected.resolve("part-x-0.jsonl"), dead.toString(), StandardCharsets.UTF_8);
        browser = HeadlessChromium.start(dir.resolve("chromium"));
        PageVisit.enable(browser.page());
        assertTrue(id.length() > 0);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    static void assertNothingRanOrLeftTheFile(PageVisit v, String what) throws Exception {
        assertEquals("undefined", v.eval("typeof " + FLAG).asText(), what + ": injected script ran");
        assertEquals(List.of(), v.outsideRequests(), what + ": requests that left the file");
        JsonNode tags = v.eval("[...new Set([...document.querySelectorAll('*')].map(e => e.localName))]");
        Set<String> foreign = new TreeSet<>();
        tags.forEach(t -> {
            if (!PAGE_TAGS.contains(t.asText())) {
                foreign.add(t.asText());
            }
        });
        assertEquals(Set.of(), foreign, what + ": elements that came from the data");
        assertEquals(1, v.eval("document.querySelectorAll('style').length").asInt(), what);
        // data-* attributes are inert (nothing reads them as a URL or script); any other carrying a handler,
        // a script or data URL, a srcset or a form action came from the data
        assertEquals("[]", v.eval("[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => "
                + "!a.name.startsWith('data-') && (/^on/i.test(a.name) || (/^\\s*(javascript|data):/i.test(a.value) "
                + "&& !(a.name === 'href' && a.value.startsWith('data:image/'))) || ['srcset', 'formaction', "
                + "'xlink:href', 'action', 'style'].includes(a.name))).map(a => e.localName + ' ' + a.name + '=' "
                + "+ a.value.slice(0, 40)))").toString(), what + ": handlers or script URLs in attributes");
        assertEquals(0, v.eval("[...document.querySelectorAll('[href]')].filter(e => { const h = e.getAttribute"
                + "('href'); return !(h.startsWith('#frame-') || h.startsWith('data:image/') || /^[\\w%.~-]+\\/"
                + "[\\w%.~-]+\\.html$/.test(h)); }).length").asInt(), what + ": links or references from the data");
        assertEquals(1, v.eval("document.querySelectorAll('meta[http-equiv]').length").asInt(), what + ": meta");
        assertEquals(0, v.eval("document.querySelectorAll('base, form, link, iframe, object, embed, img').length")
                .asInt(), what);
    }

    @Test
    void theEpisodePageRendersEveryPayloadAsTextAndNothingRunsOrLoads() throws Exception {
        Path out = dir.resolve("hostile.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--episode", hostile.episodeId(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        PageVisit v = PageVisit.open(browser.page(), out);
        int steps = v.eval("document.querySelectorAll('section.step').length").asInt();
        assertEquals(hostile.steps().size(), steps);
        for (int i = 0; i < steps; i++) {
            v.press("ArrowRight", 39);
        }
        v.press("Home", 36);
        assertNothingRanOrLeftTheFile(v, "episode page");
        String text = v.eval("document.body.textContent").asText();
        for (String p : PAYLOADS) {
            assertTrue(text.contains(p), "shown whole as text: " + p);
        }
        v.screenshot(ViewPageITCase.SCREENSHOTS.resolve("redteam-hostile.png"));
        // a CSP violation would mean an injection reached the parser: the policy is the second wall, not the first
        assertEquals(List.of(), v.problems().stream().filter(p -> p.contains("Content Security Policy")).toList());
    }

    @Test
    void theOverviewRendersHostileAppsAndDeadLetterReasonsAsText() throws Exception {
        Path out = dir.resolve("site").resolve("overview.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--out", out.toString(), "--sample", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        PageVisit v = PageVisit.open(browser.page(), out);
        assertNothingRanOrLeftTheFile(v, "overview");
        assertEquals(List.of(), v.problems(), "the overview reported problems");
        String reasons = v.eval("document.querySelector('[data-chart=\"dead-letters\"]').textContent").asText();
        // a reason that is none of ours never reaches the page, escaped or not: it is counted as "other"
        // (ViewOverviewPrivacyTest: a reason can hold a pseudonym); the apps above still test the escape
        for (String p : PAYLOADS) {
            assertFalse(reasons.contains(p.substring(0, Math.min(20, p.length()))), reasons);
        }
        assertTrue(reasons.contains("other"), reasons);
        JsonNode links = v.eval("[...document.querySelectorAll('a.sample')].map(a => a.href)");
        assertEquals(1, links.size());
        PageVisit s = PageVisit.open(browser.page(), Path.of(java.net.URI.create(links.get(0).asText())));
        assertNothingRanOrLeftTheFile(s, "sample page");
    }

    @Test
    void everyEmbeddedFrameIsAnImageTheBrowserCanDecode() throws Exception {
        // the page embeds frame bytes by their first bytes; SVG behind a PNG signature and HTML behind a JPEG
        // start of image are embedded (harmless: an image never runs script) and shown as a broken image
        // whose caption says nothing is wrong
        Path out = dir.resolve("hostile-frames.html");
        EpisodesCliTest.Run r = EpisodesCliTest.run("view", root.toString(), "--episode", hostile.episodeId(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        PageVisit v = PageVisit.open(browser.page(), out);
        assertEquals("undefined", v.eval("typeof " + FLAG).asText());
        JsonNode broken = v.eval("Promise.all([...document.querySelectorAll('defs image')].map(i => { const img = "
                + "new Image(); img.src = i.getAttribute('href'); return img.decode().then(() => null, () => i.id); }))"
                + ".then(a => a.filter(x => x))");
        assertEquals("[]", broken.toString(), "embedded frames the browser cannot decode (no caption says so)");
    }
}
