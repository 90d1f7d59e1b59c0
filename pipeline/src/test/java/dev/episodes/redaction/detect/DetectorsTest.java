package dev.episodes.redaction.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-rule true and false positives, in the style of gitleaks' rule tests. */
class DetectorsTest {
    private static List<String> found(Detector d, String text) {
        List<Span> spans = new ArrayList<>();
        d.find(text, spans);
        return spans.stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5555 5555 5555 4444",
            "2223 0031 2200 3222", "3782 822463 10005", "6011 1111 1111 1117", "3530 1113 3330 0000",
            "3056 9309 0259 04", "4222222222222"})
    void cardsAreFound(String card) {
        assertEquals(List.of(card), found(new CreditCardDetector(), "pay with " + card + " thanks"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1112", "order 1234 5678 9012 3456", "9111 1111 1111 1111 (bad issuer)",
            "tracking 12345678901234", "2026-11-27 10:30:00", "phone 4155552671", "1764403200000000"})
    void lookAlikesAreNotCards(String text) {
        assertEquals(List.of(), found(new CreditCardDetector(), text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"4111 1111 1111 1111 12|4111 1111 1111 1111",
            "ref 99 4111 1111 1111 1111|4111 1111 1111 1111"})
    void aCardNextToOtherNumbersIsStillFound(String text, String card) {
        assertEquals(List.of(card), found(new CreditCardDetector(), text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32",
            "FR14 2004 1010 0505 0001 3M02 606", "NL91ABNA0417164300", "de89370400440532013000"})
    void ibansAreFound(String iban) {
        assertEquals(List.of(iban), found(new IbanDetector(), "IBAN: " + iban + " please"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89 3704 0044 0532 0130 01", "DE89 3704 0044", "XX89370400440532013000",
            "ISO 9001 certified", "AB12 3456 7890", "DE89370400440532013000123"})
    void lookAlikesAreNotIbans(String text) {
        assertEquals(List.of(), found(new IbanDetector(), text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"536-22-1234", "536 22 1234", "536.22.1234", "078-05-1121"})
    void ssnsAreFound(String ssn) {
        assertEquals(List.of(ssn), found(new SsnDetector(), "SSN " + ssn + "."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"000-12-3456", "666-12-3456", "912-12-3456", "536-00-1234", "536-22-0000", "111-11-1111",
            "536-22.1234", "123-45-6789", "1536-22-12345", "version 536.22.12"})
    void neverIssuedOrMixedFormsAreNotSsns(String text) {
        assertEquals(List.of(), found(new SsnDetector(), text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alex.morgan@example.com", "j+tag@mail.example.co.uk", "jane%40example.org", "A_B@X-Y.IO"})
    void emailsAreFound(String email) {
        assertEquals(List.of(email), found(new EmailDetector(), "write to " + email + ", ok"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@localhost", "@handle", "foo@bar", "a@b.c", "mail me at example dot com"})
    void lookAlikesAreNotEmails(String text) {
        assertEquals(List.of(), found(new EmailDetector(), text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 650-253-0000", "(202) 456-1111", "+44 20 7946 0958", "+49 30 901820",
            "+33 1 42 68 53 00"})
    void phonesAreFound(String phone) {
        assertEquals(List.of(phone), found(new PhoneDetector("US"), "call " + phone + " now"));
    }

    @org.junit.jupiter.api.Test
    void nationalFormatsAreReadInEachConfiguredRegion() {
        assertEquals(List.of(), found(new PhoneDetector("US"), "Ruf an: 030 901820"));
        assertEquals(List.of("030 901820"), found(new PhoneDetector("US,DE"), "Ruf an: 030 901820"));
        assertEquals(List.of("(415) 555-2671"), found(new PhoneDetector("de, us"), "call (415) 555-2671"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new PhoneDetector("US,XX"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new PhoneDetector(" , "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"version 1.4.2", "2026-11-27", "order 4471", "room 4B at 2:30pm", "Q3 revenue 12,345",
            "build 20261127", "commit 3f9a2c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a3f"})
    void lookAlikesAreNotPhones(String text) {
        assertEquals(List.of(), found(new PhoneDetector("US"), text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "aws-access-key-id|key AKIAZ5XQ3M7PLK2RT9WB here|AKIAZ5XQ3M7PLK2RT9WB",
        "github-token|ghp_Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE2gU7|ghp_Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE2gU7",
        "github-fine-grained-pat|github_pat_11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ123456|github_pat_11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ123456",
        "gitlab-pat|glpat-x7Kp2Lm9Qw4Rt8Yz1Bn5|glpat-x7Kp2Lm9Qw4Rt8Yz1Bn5",
        "slack-token|xoxb-123456789012-123456789012-AbCdEfGhIjKlMnOpQrStUvWx|xoxb-123456789012-123456789012-AbCdEfGhIjKlMnOpQrStUvWx",
        "stripe-key|sk_live_4eC39HqLyjWDarjtT1zdp7dc|sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "anthropic-key|sk-ant-api03-Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE|sk-ant-api03-Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE",
        "openai-key|sk-proj-Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE|sk-proj-Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE",
        "google-api-key|AIzaSyD4x9Kp2Lm7Qw3Rt8Yz1Bn5Cv6Df0Gh2Jk|AIzaSyD4x9Kp2Lm7Qw3Rt8Yz1Bn5Cv6Df0Gh2Jk",
        "jwt|Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U|eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "url-credentials|postgres://admin:s3cr3tP4ss@db.example.com/app|admin:s3cr3tP4ss",
        "password-assignment|password=hunter22|hunter22",
        "password-assignment|DB_PASSWORD: 'Tr0ub4dor&3'|Tr0ub4dor&3",
        "secret-assignment|api_key=9f8e7d6c5b4a3f2e1d0c|9f8e7d6c5b4a3f2e1d0c",
        "secret-assignment|export GITHUB_TOKEN=Zx81Kq02Lm93Np74|Zx81Kq02Lm93Np74",
    })
    void secretsAreFound(String rule, String text, String secret) {
        List<Span> spans = new ArrayList<>();
        new SecretDetector().find(text, spans);
        assertTrue(spans.stream().anyMatch(s -> s.rule().equals(rule)
                && text.substring(s.start(), s.end()).equals(secret)), () -> rule + " in " + spans);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AKIAIOSFODNN7EXAMPLE", "ghp_short", "token=aaaaaaaaaaaa", "the secret: is out",
            "sk-learn is a library", "commit 3f9a2c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a3f", "version 1.4.2",
            "https://example.com/a:b", "password=[SECRET]", "api_key=[SECRET]", "see AIza in the docs"})
    void lookAlikesAreNotSecrets(String text) {
        assertEquals(List.of(), found(new SecretDetector(), text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqh (truncated"})
    void privateKeysAreFoundWholeEvenUnterminated(String pem) {
        assertEquals(List.of(pem), found(new SecretDetector(), pem));
    }
}
