package dev.episodes.cli;

import dev.episodes.event.ContextEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.schema.output.FrameMask;
import dev.episodes.session.Episode;
import dev.episodes.testing.Events;
import dev.episodes.testing.FramesDatasets;
import dev.episodes.testing.Timeline;
import dev.episodes.writing.DatasetLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The datasets `view` is looked at with, built the project's way (events through the device timeline,
 * written by {@link FramesDatasets}, frames A and B with their masks): on 2025-11-29 a sign-in episode
 * (email and password placeholders, a scroll, a drag, a hotkey), an adversarial one (markup and script in
 * the title, URL, element name, typed text and a mask kind; right-to-left and emoji text; a screen of
 * 200,000 by 100,000 pixels), one whose frames were all dropped, one whose frame B is missing from the
 * frames table; a day later a one-click episode; two dead letters.
 */
final class ViewDatasets {
    /** Sets this flag if any injected markup ever runs. */
    static final String FLAG = "window.__pwned";
    static final String TITLE = "</script><img src=x onerror=\"" + FLAG + "=1\"><script>" + FLAG + "=2</script>";
    static final String URL = "javascript:" + FLAG + "=3//\"><a id=evil href=\"https://evil.example/x.js\">go</a>";
    static final String NAME = "<svg onload=" + FLAG + "=4><iframe src=\"https://evil.example/\"></iframe>";
    static final String TYPED = "<img src=y onerror=" + FLAG + "=5>";
    static final String MASK_KIND = "<img src=z onerror=" + FLAG + "=6>";
    static final String RTL = "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd \ud83d\udc4b\ud83c\udffd "
            + "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 \u202egnp.exe";
    static final int HUGE_W = 200_000;
    static final int HUGE_H = 100_000;
    private static final long DAY_MS = 24 * 3600 * 1000L;
    private static final long APART_MS = 10 * 60 * 1000L; // more than the 5-minute session gap

    /** The episodes in start order: sign-in, adversarial, no frames, missing frame, next day. */
    final List<Episode> episodes;

    private ViewDatasets(List<Episode> episodes) {
        this.episodes = episodes;
    }

    Episode signIn() {
        return episodes.get(0);
    }

    Episode adversarial() {
        return episodes.get(1);
    }

    Episode noFrames() {
        return episodes.get(2);
    }

    Episode missingFrame() {
        return episodes.get(3);
    }

    static ViewDatasets write(Path root) throws IOException {
        List<RawEvent> events = new ArrayList<>();
        for (RawEvent e : Events.script()
                .context(0, "Chrome", "Sign in - crm", "textbox", "Email", false)
                .click(100, 700, 400)
                .type(300, "ana@example.com")
                .context(5_000, "Chrome", "Sign in - crm", "textbox", "Password", true)
                .type(5_200, "hunter22")
                .press(6_200, "Enter", 0)
                .context(7_000, "Slack", "#team - Slack", "textbox", "Message", false)
                .type(7_100, "Ship it")
                .press(8_000, "Enter", 0)
                .wheel(9_000, 0, 120).wheel(9_100, 0, 120)
                .down(11_000, 10, 20, MouseEvent.Button.LEFT).move(11_100, 200, 300)
                .up(11_200, 1_300, 900, MouseEvent.Button.LEFT)
                .press(12_000, "c", Modifiers.CTRL)
                // adversarial
                .context(APART_MS, "Chrome", "@title", "textbox", "@name", false)
                .click(APART_MS + 100, 700, 400)
                .type(APART_MS + 300, TYPED)
                .press(APART_MS + 5_000, "Enter", 0)
                .context(APART_MS + 6_000, "Notes", "@rtl", "button", "OK", false)
                .click(APART_MS + 6_100, 150_000, 90_000)
                .press(APART_MS + 7_000, "Tab", 0)
                // no frames; a missing frame
                .context(2 * APART_MS, "Finder", "Downloads", "button", "Open", false)
                .click(2 * APART_MS + 100, 50, 60).click(2 * APART_MS + 2_000, 70, 80)
                .click(2 * APART_MS + 4_000, 90, 100)
                .context(3 * APART_MS, "Finder", "Documents", "button", "Open", false)
                .click(3 * APART_MS + 100, 50, 60).click(3 * APART_MS + 2_000, 70, 80)
                .click(3 * APART_MS + 4_000, 90, 100).click(3 * APART_MS + 6_000, 10, 10)
                // the next day
                .context(DAY_MS, "Finder", "Downloads", "button", "Open", false)
                .click(DAY_MS + 100, 50, 60)
                .list()) {
            events.add(e instanceof ContextEvent c ? adversarial(c) : e);
        }
        List<Episode> episodes = Timeline.run(events).episodes;
        if (episodes.size() != 5) {
            throw new IllegalStateException("expected 5 episodes, the timeline made " + episodes.size());
        }
        ViewDatasets d = new ViewDatasets(episodes);
        String adversarial = d.adversarial().episodeId();
        String noFrames = d.noFrames().episodeId();
        String missing = d.missingFrame().episodeId();
        String missingFrame = FramesDatasets.frameId(missing, 1);
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        hooks.stats = true;
        hooks.steps = rows -> rows.stream().filter(r -> r.getEpisodeId().equals(noFrames))
                .forEach(r -> r.setFrameId(null));
        hooks.frames = rows -> {
            rows.removeIf(f -> f.getEpisodeId().equals(noFrames) || f.getFrameId().equals(missingFrame));
            rows.stream().filter(f -> f.getEpisodeId().equals(adversarial)).forEach(f -> {
                List<FrameMask> masks = new ArrayList<>(f.getMasks());
                masks.add(new FrameMask(30, 2, 20, 10, MASK_KIND));
                f.setMasks(masks);
            });
        };
        FramesDatasets.write(root, episodes, hooks);
        Path rejected = root.resolve(DatasetLayout.REJECTED);
        Files.createDirectories(rejected);
        Files.writeString(rejected.resolve("part-framesrun-0.jsonl"), "{\"reason\":\"malformed_json\",\"detail\":\"x\"}\n"
                + "{\"reason\":\"unknown_event_type\",\"detail\":\"y\"}\n", StandardCharsets.UTF_8);
        return d;
    }

    /** The script's placeholder titles become the adversarial context. */
    private static ContextEvent adversarial(ContextEvent c) {
        if ("@title".equals(c.windowTitle())) {
            return new ContextEvent(c.eventId(), c.userId(), c.deviceId(), c.tsUs(), c.seq(), c.app(), TITLE, URL,
                    new dev.episodes.event.Element(c.element().role(), NAME, false, 10, 20, 300, 40),
                    c.screenshotRef(), c.screenW(), c.screenH());
        }
        if ("@rtl".equals(c.windowTitle())) {
            return new ContextEvent(c.eventId(), c.userId(), c.deviceId(), c.tsUs(), c.seq(), RTL, RTL,
                    "https://example.com/" + RTL, c.element(), c.screenshotRef(), HUGE_W, HUGE_H);
        }
        return c;
    }
}
