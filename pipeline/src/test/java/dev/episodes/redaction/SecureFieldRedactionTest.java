package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.reduction.Step;
import dev.episodes.testing.Events;
import dev.episodes.testing.Reduce;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecureFieldRedactionTest {
    @Test
    void typingIntoASecureFieldBecomesExactlyThePasswordPlaceholderWithNoDuration() {
        List<Step> steps = Reduce.steps(Events.script()
                .context(0, "Chrome", "Sign in", "textbox", "Password", true)
                .type(100, "correct horse battery").list());
        Step s = SecureFieldRedaction.apply(steps.get(0));
        assertEquals("[PASSWORD]", s.text());
        assertEquals(s.tsUs(), s.endTsUs());
        assertEquals(List.of("PASSWORD"), s.redactionKinds());
    }

    @Test
    void otherStepsPassUnchanged() {
        List<Step> steps = Reduce.steps(Events.script()
                .context(0, "Chrome", "Sign in", "textbox", "Email", false).type(100, "a@b.c").list());
        assertEquals(steps.get(0), SecureFieldRedaction.apply(steps.get(0)));
    }

    @Test
    void pseudonymsAreStablePerKeyAndDifferAcrossKeysAndNamespaces() {
        Pseudonymizer a = new Pseudonymizer("0123456789abcdef-key-a".getBytes(StandardCharsets.UTF_8));
        Pseudonymizer b = new Pseudonymizer("0123456789abcdef-key-b".getBytes(StandardCharsets.UTF_8));
        assertEquals(a.user("u-1042"), a.user("u-1042"));
        assertNotEquals(a.user("u-1042"), b.user("u-1042"));
        assertNotEquals(a.user("x"), a.device("x"));
        assertTrue(a.user("u-1042").matches("u_[0-9a-f]{32}"));
        assertTrue(!a.toString().contains("key-a"), "the key never shows");
        assertThrows(IllegalArgumentException.class, () -> new Pseudonymizer(new byte[8]));
    }
}
