package dev.episodes.decode;

/**
 * An input record the pipeline could not use, with why. {@code raw} is the record as received (a JSON
 * line, or base64 of binary input) so it can be inspected and replayed; {@code detail} says which field.
 * When the record decoded far enough to name its person and time, {@code userId} and {@code tsUs} say so
 * (never written out: they let consent withhold the payload); otherwise they are null and 0.
 */
public record DeadLetter(RejectReason reason, String detail, String raw, String userId, long tsUs) {
    public static final String WITHHELD = "(withheld: no consent)";

    public static DeadLetter of(RejectReason reason, String detail, String raw) {
        return new DeadLetter(reason, detail, raw, null, 0L);
    }

    public static DeadLetter of(RejectReason reason, String detail, String raw, String userId, long tsUs) {
        return new DeadLetter(reason, detail, raw, userId, tsUs);
    }

    public DeadLetter withheld() {
        return new DeadLetter(reason, detail, WITHHELD, userId, tsUs);
    }
}
