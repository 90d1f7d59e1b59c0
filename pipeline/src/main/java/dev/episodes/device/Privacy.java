package dev.episodes.device;

import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.Redactor;

/** The privacy tools a device timeline applies: pseudonyms and redaction (per operator, not state). */
public record Privacy(Pseudonymizer pseudonyms, Redactor redactor) {}
