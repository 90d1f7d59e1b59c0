package dev.episodes.redaction.corpus;

import java.util.List;

/**
 * One labelled string of the adversarial corpus. A positive holds {@code secrets} that must not survive
 * in any form (raw, folded, or a half of them); a look-alike ({@code secrets} empty) must come out as
 * {@code expected}, unchanged unless the URL decoder legitimately rewrote it.
 *
 * @param kind the class reported (CREDIT_CARD, IBAN, ..., or the look-alike family)
 * @param field {@code text} (typed text, titles, names) or {@code url}
 */
public record Labelled(String kind, String field, String input, List<String> secrets, String expected) {

    public static Labelled secret(String kind, String input, String... secrets) {
        return new Labelled(kind, "text", input, List.of(secrets), null);
    }

    public static Labelled urlSecret(String kind, String input, String... secrets) {
        return new Labelled(kind, "url", input, List.of(secrets), null);
    }

    public static Labelled lookAlike(String kind, String input) {
        return new Labelled(kind, "text", input, List.of(), input);
    }

    public static Labelled urlLookAlike(String kind, String input, String expected) {
        return new Labelled(kind, "url", input, List.of(), expected);
    }

    public boolean positive() {
        return !secrets.isEmpty();
    }
}
