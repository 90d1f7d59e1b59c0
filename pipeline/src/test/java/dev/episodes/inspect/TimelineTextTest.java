package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.session.Episode;
import dev.episodes.testing.Events;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTextTest {
    @Test
    void eachActionShowsWhatItActedOn() {
        assertEquals("(700,400) textbox \"Email\"", StepTarget.of(step("click", 700, 400, null, null, null, null)));
        assertEquals("(10,20) -> (300,400)", StepTarget.of(new StepRow(0, 0, 0, "drag", 10, 20, 300, 400, null, null,
                null, null, null, null, null, null, null, null, null, null, List.of())));
        assertEquals("dx 0 dy 240 at (100,200)", StepTarget.of(new StepRow(0, 0, 0, "scroll", 100, 200, null, null, 0,
                240, null, null, null, null, null, null, null, null, null, null, List.of())));
        assertEquals("\"Ship it\" into textbox \"Email\"", StepTarget.of(step("type", null, null, "Ship it", null,
                null, null)));
        assertEquals("Enter", StepTarget.of(step("key", null, null, null, "Enter", null, null)));
        assertEquals("ctrl+shift+t", StepTarget.of(step("hotkey", null, null, null, "ctrl+shift+t", null, null)));
        assertEquals("Chrome / Sign in", StepTarget.place(step("click", 1, 2, null, null, "Chrome", "Sign in")));
        assertEquals("-", StepTarget.place(step("click", 1, 2, null, null, null, null)));
    }

    @Test
    void anEpisodeReadsAsOneLinePerStep(@TempDir Path root) throws Exception {
        List<Episode> episodes = Fixture.write(root);
        EpisodeTimeline t = DatasetInspector.open(root).episode(episodes.get(0).episodeId(), null);
        String text = TimelineText.render(t, 120);

        assertTrue(text.startsWith("episode    " + episodes.get(0).episodeId() + "\n"), text);
        assertTrue(text.contains("time       2025-11-29 08:00:00.100 -> 08:00:10.100 UTC (10.0s)"), text);
        assertTrue(text.contains("apps       Chrome, Slack"), text);
        List<String> lines = text.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.matches(" *# +\\+mm:ss.SSS +UTC +action +target"
                + " +app / window +redacted")).findFirst().orElseThrow());
        assertEquals(t.steps().size(), lines.size() - header - 1, "one line per step");
        assertLine(lines.get(header + 1), "0", "+00:00.000", "08:00:00.100", "click", "(700,400) textbox \"Email\"",
                "Chrome / Sign in - crm");
        assertLine(lines.get(header + 2), "1", "+00:00.200", "08:00:00.300", "type",
                "\"[EMAIL]\" into textbox \"Email\"", "Chrome / Sign in - crm", "EMAIL");
        assertLine(lines.get(header + 3), "2", "type", "\"[PASSWORD]\" into textbox \"Password\"", "PASSWORD");
        // the Enter after the password is part of it, and the steps after it move back by its 1.9 s
        assertLine(lines.get(header + 7), "6", "+00:09.000", "drag", "(10,20) -> (300,400)", "Slack / #team - Slack");
        assertLine(lines.get(header + 8), "7", "hotkey", "ctrl+c");
    }

    @Test
    void noLineIsWiderThanAsked() {
        String long200 = "x".repeat(200);
        EpisodeTimeline t = timeline(List.of(
                new StepRow(0, Events.T0_US, Events.T0_US, "type", null, null, null, null, null, null, long200, null,
                        long200, long200, null, "textbox", long200, null, null, null, List.of("EMAIL", "PHONE")),
                new StepRow(1, Events.T0_US + 3_725_000_000L, Events.T0_US + 3_725_000_000L, "key", null, null, null,
                        null, null, null, null, "Enter", "Terminal", "zsh", null, null, null, null, null, null,
                        List.of())));
        for (int width : new int[] {80, 120, 200}) {
            String text = TimelineText.render(t, width);
            text.lines().forEach(l -> assertTrue(l.length() <= width, width + ": " + l.length() + " " + l));
            assertTrue(text.contains("EMAIL,PHONE"), "the redaction kinds are never cut");
            assertTrue(text.contains("+62:05.000"), "offsets count minutes past the hour");
        }
    }

    /** --time relative: steps hold offsets, the episode only its date; the timeline still reads from 00:00. */
    @Test
    void aRelativeTimeEpisodeReadsFromItsDate() {
        long midnight = Events.T0_US - 8 * 3_600_000_000L; // 2025-11-29T00:00Z
        List<StepRow> steps = List.of(
                new StepRow(0, 0, 0, "key", null, null, null, null, null, null, null, "Enter", "Terminal", "zsh", null,
                        null, null, null, null, null, List.of()),
                new StepRow(1, 65_000_000L, 65_000_000L, "key", null, null, null, null, null, null, null, "Tab",
                        "Terminal", "zsh", null, null, null, null, null, null, List.of()));
        EpisodeTimeline t = new EpisodeTimeline("dt=2025-11-29", new EpisodeRow("e1", "u_1", "d_1", midnight,
                midnight + 65_000_000L, 2, List.of("Terminal"), 0, "steps/part-x-0.parquet", "train"), steps, List.of());
        String text = TimelineText.render(t, 120);
        assertTrue(text.contains("+01:05.000") && text.contains("00:01:05.000"), text);
        assertFalse(text.contains("+-"), text);
    }

    @Test
    void textFromScreensCannotDriveTheTerminal() {
        EpisodeTimeline t = timeline(List.of(new StepRow(0, Events.T0_US, Events.T0_US, "type", null, null, null,
                null, null, null, "line one\nline two\u001b[2J", null, "Mail", "Re: \u202eevil", null, null, null, null,
                null, null, List.of())));
        String text = TimelineText.render(t, 120);
        assertFalse(text.contains("\u001b") || text.contains("\u202e"), text);
        assertTrue(text.contains("\"line one\\nline two\\u001b[2J\""), text);
        assertTrue(text.contains("Mail / Re: \\u202eevil"), text);
    }

    private static void assertLine(String line, String... cells) {
        int from = 0;
        for (String cell : cells) {
            int at = line.indexOf(cell, from);
            assertTrue(at >= 0, "'" + cell + "' in order in: " + line);
            from = at + cell.length();
        }
    }

    private static StepRow step(String action, Integer x, Integer y, String text, String keys, String app, String title) {
        return new StepRow(0, 0, 0, action, x, y, null, null, null, null, text, keys, app, title, null, "textbox",
                "Email", null, null, null, List.of());
    }

    private static EpisodeTimeline timeline(List<StepRow> steps) {
        StepRow last = steps.get(steps.size() - 1);
        return new EpisodeTimeline("dt=2025-11-29", new EpisodeRow("e1", "u_1", "d_1", steps.get(0).tsUs(),
                last.endTsUs(), steps.size(), List.of("Mail"), 0, "steps/part-x-0.parquet", "train"), steps, List.of());
    }
}
