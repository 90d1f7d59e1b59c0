package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.testing.Desk;
import dev.episodes.testing.Timeline;
import org.junit.jupiter.api.Test;

/**
 * Precision next to the secure-visit rules: what is typed after a password, in another field or app, is
 * ordinary text and must come out as typed (found while adding scope: it vanished).
 */
class TypingAfterASecretTest {

    @Test
    void typingInAnotherAppSecondsAfterAPasswordComesOutAsTyped() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Google Chrome", "Sign in", "https://id.example/", "textbox", "Password", true, 300, 400)
                .pause(300).type("Qz7!vK2#pLm9").pause(5_000)
                .focus("Slack", "#team - Slack", null, "textbox", "Message #team", false, 400, 900).pause(400)
                .click(410, 905).pause(300).type("back to work").enter()
                .events());
        SecretInputsCorpusTest.assertNoLeak(t, "Qz7!vK2#pLm9");
        assertTrue(t.texts().contains("back to work"), "typed after the password, elsewhere: " + t.texts());
        assertEquals(1, t.steps().stream().filter(s -> "[PASSWORD]".equals(s.text())).count());
    }

    @Test
    void typingInTheSameWindowAfterEnterComesOutAsTyped() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Google Chrome", "Sign in", "https://id.example/", "textbox", "Password", true, 300, 400)
                .pause(300).type("Qz7!vK2#pLm9").enter().pause(4_000)
                .focus("Google Chrome", "Search", "https://search.example/", "searchbox", "Search", false, 300, 100)
                .pause(500).type("quarterly report").enter()
                .events());
        SecretInputsCorpusTest.assertNoLeak(t, "Qz7!vK2#pLm9");
        assertTrue(t.texts().contains("quarterly report"), t.texts().toString());
    }

    @Test
    void typingInAWorkAppAfterADeniedPasswordAppComesOutAsTyped() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Passwords", "Passwords", null, "textbox", "Search", false, 300, 100)
                .pause(300).type("bank").pause(1_000)
                .focus("Passwords", "Passwords", null, "textbox", "Password", true, 300, 400)
                .pause(300).type("Qz7!vK2#pLm9").pause(5_000)
                .focus("Slack", "#team - Slack", null, "textbox", "Message #team", false, 400, 900).pause(400)
                .click(410, 905).pause(300).type("back to work").enter()
                .events());
        SecretInputsCorpusTest.assertNoLeak(t, "Qz7!vK2#pLm9");
        assertTrue(t.texts().contains("back to work"), "typed in Slack after the password app: " + t.texts());
    }
}
