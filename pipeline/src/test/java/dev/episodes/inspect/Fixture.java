package dev.episodes.inspect;

import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.session.Episode;
import dev.episodes.testing.Datasets;
import dev.episodes.testing.Events;
import dev.episodes.testing.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A readable little dataset: on 2025-11-29 one episode that signs in (email, password into a secure
 * field), sends a chat line, scrolls, drags and copies; a day later a second, one-click episode. The
 * steps after the password move back by the time it took (1.9 s to the chat line): it takes no time.
 */
final class Fixture {
    static final String DAY_ONE = "2025-11-29";
    static final String DAY_TWO = "2025-11-30";
    private static final long DAY_MS = 24 * 3600 * 1000L;

    private Fixture() {}

    static List<RawEvent> events() {
        List<RawEvent> all = new ArrayList<>(Events.script()
                .context(0, "Chrome", "Sign in - crm", "textbox", "Email", false)
                .click(100, 700, 400)
                .type(300, "ana@example.com")
                // more than the late-focus interval (3 s) after the email's last key, else it joins the password
                .context(5_000, "Chrome", "Sign in - crm", "textbox", "Password", true)
                .type(5_200, "hunter22")
                .press(6_200, "Enter", 0) // inside the secure field: part of its one [PASSWORD] step
                .context(7_000, "Slack", "#team - Slack", "textbox", "Message", false)
                .type(7_100, "Ship it")
                .press(8_000, "Enter", 0)
                .wheel(9_000, 0, 120).wheel(9_100, 0, 120)
                .down(11_000, 10, 20, MouseEvent.Button.LEFT).move(11_100, 200, 300)
                .up(11_200, 300, 400, MouseEvent.Button.LEFT)
                .press(12_000, "c", Modifiers.CTRL)
                .list());
        all.addAll(Events.script()
                .context(DAY_MS, "Finder", "Downloads", "button", "Open", false)
                .click(DAY_MS + 100, 50, 60)
                .list());
        return all;
    }

    static List<Episode> episodes() {
        return Timeline.run(events()).episodes;
    }

    static List<Episode> write(Path root) throws IOException {
        List<Episode> episodes = episodes();
        Datasets.write(root, episodes);
        return episodes;
    }
}
