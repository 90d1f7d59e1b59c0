package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.pairing.UiContext;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every string of a step that reaches the output is scanned: app, element role and keys too. The
 * screenshot reference is not: the frames stage reads it as sent, and schema 1.1 writes it nowhere.
 */
class ContextFieldsTest {
    private static Step click(UiContext c, String keys) {
        return new Step(Action.CLICK, 1, 1, 5, 5, null, null, null, null, null, keys, c, List.of(), List.of(), 0);
    }

    @Test
    void anEmailInTheAppNameIsRedactedAndTheScreenshotRefIsKeptForTheFramesStage() {
        UiContext c = new UiContext("Mail – jane.doe@example.org", "Inbox", null, "button jane@example.org",
                "Send", "https://shots.example.com/f/1.png?X-Amz-Signature=5f1c2d3e4a5b6c7d8e9f0a1b", 1920, 1080,
                false, 1, 1, null, null);
        Step s = new Redactor(RedactionPolicy.DEFAULT).redactContext(click(c, null));
        assertEquals("Mail – [EMAIL]", s.context().app());
        assertEquals("button [EMAIL]", s.context().elementRole());
        // A presigned URL must stay whole to be readable; RowMapper writes screenshot_ref null (1.1).
        assertEquals("https://shots.example.com/f/1.png?X-Amz-Signature=5f1c2d3e4a5b6c7d8e9f0a1b",
                s.context().screenshotRef());
        assertTrue(s.redactions().contains(new Redaction("app", "EMAIL", "email")), s.redactions().toString());
        assertTrue(s.redactions().stream().noneMatch(r -> r.field().equals("screenshot_ref")));
    }

    @Test
    void keysAreScannedWhenLongEnoughToHoldSomething() {
        UiContext c = new UiContext("Terminal", "zsh", null, null, null, null, null, null, false, null, null, null, null);
        Redactor r = new Redactor(RedactionPolicy.DEFAULT);
        assertEquals("[EMAIL]", r.redactContext(click(c, "jane@example.org")).keys());
        Step chord = click(c, "ctrl+shift+t");
        assertSame(chord, r.redactContext(chord));
    }

    @Test
    void anUntouchedContextIsTheSameInstance() {
        UiContext c = new UiContext("Slack", "#team", "https://app.slack.com/client/T1/C2", "textbox", "Message", null,
                null, null, false, null, null, null, null);
        Step s = click(c, null);
        assertSame(s, new Redactor(RedactionPolicy.DEFAULT).redactContext(s));
    }
}
