package dev.episodes.redaction;

/**
 * One redaction, for counts and the audit trail: which field, what kind, which rule. Never the value.
 *
 * @param field {@code text}, {@code keys}, {@code app}, {@code window_title}, {@code element_role},
 *     {@code element_name} or {@code url}
 * @param kind a {@link Placeholder} name, or {@code REDACTED} when a detector failed and the whole
 *     string was withheld
 */
public record Redaction(String field, String kind, String rule) {
    public static final String FAILED_CLOSED = "REDACTED";
}
