package dev.episodes.redaction.detect;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.episodes.redaction.TextRedactor;
import dev.episodes.redaction.UrlRedactor;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strings shaped to make regular expressions backtrack (long upper-case runs next to a secret's name,
 * repeated flags, separators, '@'s and "://"s) finish quickly: one event must not stall a device's
 * timeline. An upper-case run once split 2^n ways in the environment-variable rule.
 */
class HostileInputTest {
    private static final TextRedactor TEXT = TextRedactor.standard("US,DE");
    private static final UrlRedactor URL = new UrlRedactor(TEXT);

    @ParameterizedTest
    @ValueSource(strings = {"A", "A_", "AKIA", "SECRET_", "-p ", "mysql -u a ", "a@", "1 ", "1-", "://", "%40", "x:y@",
        "--password ", "DE89 ", "４", "\u200B", "-----BEGIN PRIVATE KEY----- ", "Authorization: ", "aB3", "/aB3"})
    void repeatedShapesFinishQuickly(String unit) {
        String hostile = unit.repeat(20_000 / unit.length()) + " secret token PASSWORD=x";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            TEXT.redact("text", hostile);
            URL.redact("https://h.example.com/" + hostile + "?q=" + hostile);
        });
    }
}
