package dev.episodes.decode;

/**
 * An input record the pipeline could not use, with why. {@code raw} is the record as received (a JSON
 * line, or base64 of binary input) so it can be inspected and replayed; {@code detail} says which field.
 */
public record DeadLetter(RejectReason reason, String detail, String raw) {

    public static DeadLetter of(RejectReason reason, String detail, String raw) {
        return new DeadLetter(reason, detail, raw);
    }
}
