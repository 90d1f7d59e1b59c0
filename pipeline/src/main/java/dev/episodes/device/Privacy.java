package dev.episodes.device;

import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.Redactor;

/**
 * The privacy tools a device timeline applies: pseudonyms and redaction (per operator, not state), and
 * whether episodes get a frame plan (which screenshots to read and what to mask on them).
 */
public record Privacy(Pseudonymizer pseudonyms, Redactor redactor, boolean frames) {

    public Privacy(Pseudonymizer pseudonyms, Redactor redactor) {
        this(pseudonyms, redactor, false);
    }
}
