package dev.episodes.redaction;

import static dev.episodes.testing.Events.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.Modifiers;
import dev.episodes.reduction.Step;
import dev.episodes.testing.Timeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given these raw events, these steps come out: redaction as the training team sees it. */
class RedactionStageTest {

    @Test
    void aCardTypedInTwoPiecesIsOneCardAndBothPiecesAreCovered() {
        Timeline t = Timeline.run(script()
                .context(0, "Chrome", "Checkout", "textbox", "Card number", false)
                .type(100, "4111 1111 ")
                .press(1_500, "s", Modifiers.CTRL)
                .type(2_000, "1111 1111")
                .press(3_000, "Enter", 0).list());
        List<Step> steps = t.steps();
        assertEquals(List.of("type", "hotkey", "type", "key"), steps.stream().map(s -> s.action().wire()).toList());
        assertEquals("[CREDIT_CARD]", steps.get(0).text());
        assertEquals("", steps.get(2).text());
        assertEquals(List.of("CREDIT_CARD"), steps.get(0).redactionKinds());
        assertEquals(1, t.episodes.get(0).redactionCount(), "one card, counted once");
    }

    @Test
    void typosBackspacesAndCursorMovesAreRedactedOnTheFinalText() {
        Timeline t = Timeline.run(script()
                .context(0, "Slack", "#team", "textbox", "Message", false)
                .type(100, "mail me: alex.morgxn").press(2_200, "Backspace", 0).press(2_300, "Backspace", 0)
                .type(2_400, "an@example.com").press(4_000, "Home", 0).type(4_100, "pls ")
                .press(5_000, "Enter", 0).list());
        assertEquals(List.of("pls mail me: [EMAIL]"), t.texts());
    }

    @Test
    void contextStringsAreRedactedOnEveryStep() {
        Timeline t = Timeline.run(script()
                .context(0, "Chrome", "Payment 4111 1111 1111 1111 - jane@example.org", "textbox",
                        "Reset link for 650-253-0000", false)
                .click(100, 5, 5).list());
        Step s = t.steps().get(0);
        assertEquals("Payment [CREDIT_CARD] - [EMAIL]", s.context().windowTitle());
        assertEquals("Reset link for [PHONE]", s.context().elementName());
        assertEquals(List.of("CREDIT_CARD", "EMAIL", "PHONE"), s.redactionKinds());
    }

    @Test
    void aFieldThatWasSecureOnceStaysSecureAfterAShowPasswordToggle() {
        Timeline t = Timeline.run(script()
                .context(0, "Chrome", "Sign in", "textbox", "Password", true)
                .type(100, "abc")
                .context(500, "Chrome", "Sign in", "textbox", "Password", false) // "show password"
                .type(600, "def").press(1_000, "Enter", 0).list());
        assertEquals(List.of("[PASSWORD]"), t.texts());
        assertTrue(t.steps().get(0).tsUs() == t.steps().get(0).endTsUs());
    }

    @Test
    void keysTypedJustBeforeALateFocusEventIntoAPasswordFieldArePasswordToo() {
        Timeline t = Timeline.run(script()
                .context(0, "Chrome", "Sign in", "textbox", "Email", false)
                .type(1_000, "Pw")                                            // keys arrive before the focus
                .context(1_300, "Chrome", "Sign in", "textbox", "Password", true)
                .type(1_400, "Secret99").press(3_000, "Enter", 0).list());
        // issue 13: one [PASSWORD] step per visit, the late keys included (it was two steps before)
        assertEquals(List.of("[PASSWORD]"), t.texts());
        assertFalse(t.texts().stream().anyMatch(x -> x.contains("Pw")));
    }

    @Test
    void stepsInPasswordManagersAreDroppedAndCounted() {
        Timeline t = Timeline.run(script()
                .context(0, "1Password 8", "Vault", "textbox", "Search", false)
                .type(100, "bank").click(1_000, 4, 4)
                .context(2_000, "Chrome", "Vault", "textbox", "Search", false)
                .click(2_100, 4, 4).list());
        assertEquals(1, t.steps().size());
        assertEquals(2, t.dropped.get("denied_app"));
    }

    @Test
    void deniedUrlsAreDroppedToo() {
        Timeline t = Timeline.run(script()
                .context(0, "Google Chrome", "Vault", "textbox", "Search", false)
                .list().stream().map(e -> (dev.episodes.event.RawEvent) new dev.episodes.event.ContextEvent(
                        e.eventId(), e.userId(), e.deviceId(), e.tsUs(), e.seq(), "Google Chrome", "Vault",
                        "https://vault.bitwarden.com/#/vault", null, null, null, null)).toList());
        assertTrue(t.steps().isEmpty());
    }

    @Test
    void aDetectorFailureWithholdsTheWholeString() {
        TextRedactor broken = new TextRedactor(List.of((text, out) -> {
            throw new IllegalStateException("boom");
        }));
        TextRedactor.Result r = broken.redact("window_title", "anything");
        assertEquals("[REDACTED]", r.text());
        assertEquals("REDACTED", r.redactions().get(0).kind());
        TypingVisits visits = new TypingVisits();
        List<Step> typed = dev.episodes.testing.Reduce.steps(script()
                .context(0, "Slack", "#t", "textbox", "Message", false).type(100, "hello").list());
        List<Step> out = new java.util.ArrayList<>();
        visits.accept(typed.get(0), broken, out::add);
        visits.flush(broken, out::add);
        assertEquals("[REDACTED]", out.get(0).text());
    }

    @Test
    void urlsAreDecodedAndSensitiveParametersBlanked() {
        UrlRedactor urls = new UrlRedactor(TextRedactor.standard("US"));
        assertEquals("https://x.example.com/reset?user=[EMAIL]&token=[SECRET]&lang=en",
                urls.redact("https://x.example.com/reset?user=jane%40example.org&token=abc123&lang=en").text());
        assertEquals("https://[SECRET]@db.example.com/app",
                urls.redact("https://admin:s3cr3tP4ss@db.example.com/app").text());
        assertEquals("https://app.example.com/cb#access_token=[SECRET]&state=xyz",
                urls.redact("https://app.example.com/cb#access_token=eyJabc.def&state=xyz").text());
        assertEquals("https://docs.example.com/search?q=flink watermarks",
                urls.redact("https://docs.example.com/search?q=flink%20watermarks").text());
        assertEquals("https://x.example.com/a%zz", urls.redact("https://x.example.com/a%zz").text());
    }

    @Test
    void ordinaryTextSurvives() {
        Timeline t = Timeline.run(script()
                .context(0, "Docs", "Release notes v1.4.2 - 2026-11-27", "document", "Body", false)
                .type(100, "Shipped 1.4.2 on 2026-11-27, order 4471 in room 4B at 2:30pm.")
                .press(9_000, "Enter", 0).list());
        assertEquals(List.of("Shipped 1.4.2 on 2026-11-27, order 4471 in room 4B at 2:30pm."), t.texts());
        assertEquals("Release notes v1.4.2 - 2026-11-27", t.steps().get(0).context().windowTitle());
        assertEquals(0, t.episodes.get(0).redactionCount());
    }
}
