package dev.episodes.redaction;

import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import java.util.List;

/**
 * The first gate: typing into a secure element (a password field by the platform's own signal)
 * becomes exactly {@code [PASSWORD]} with {@code end_ts_us == ts_us}, so neither the secret, its
 * length nor its keystroke timing survives.
 */
public final class SecureFieldRedaction {
    private static final List<Redaction> PASSWORD = List.of(new Redaction("text", Placeholder.PASSWORD.name(), "secure-field"));

    private SecureFieldRedaction() {}

    public static Step apply(Step step) {
        if (step.action() != Action.TYPE || !step.context().secure()) {
            return step;
        }
        return step.withText(Placeholder.PASSWORD.token(), step.tsUs(), PASSWORD);
    }
}
