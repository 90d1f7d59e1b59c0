package dev.episodes.decode;

/**
 * An input record the pipeline could not use, with why. {@code raw} is the record as received (a JSON
 * line, or base64 of binary input): it stays inside the pipeline, which writes out only its redacted form
 * (see {@code DeadLetterRedaction}) unless an operator asks for raw dead letters. {@code detail} says which
 * field or position, never a token of the input. When the record decoded far enough to name its person
 * and time, {@code userId} and {@code tsUs} say so (never written out: they let consent withhold the
 * payload); otherwise they are null and 0. {@code source} says where it came from, null when unknown.
 */
public record DeadLetter(RejectReason reason, String detail, String raw, String userId, long tsUs, Source source) {
    public static final String WITHHELD = "(withheld: no consent)";

    /** Where a dead letter was read. */
    public sealed interface Source permits FileLine, TopicRecord {}

    /** An archive line: the file's path relative to the input root, and its line number (from 1). */
    public record FileLine(String file, long line) implements Source {}

    /** A Kafka record. */
    public record TopicRecord(String topic, int partition, long offset) implements Source {}

    public DeadLetter(RejectReason reason, String detail, String raw, String userId, long tsUs) {
        this(reason, detail, raw, userId, tsUs, null);
    }

    public static DeadLetter of(RejectReason reason, String detail, String raw) {
        return new DeadLetter(reason, detail, raw, null, 0L);
    }

    public static DeadLetter of(RejectReason reason, String detail, String raw, String userId, long tsUs) {
        return new DeadLetter(reason, detail, raw, userId, tsUs);
    }

    public DeadLetter from(Source where) {
        return new DeadLetter(reason, detail, raw, userId, tsUs, where);
    }

    public DeadLetter withRaw(String bytes) {
        return new DeadLetter(reason, detail, bytes, userId, tsUs, source);
    }

    public DeadLetter withheld() {
        return new DeadLetter(reason, detail, WITHHELD, userId, tsUs, source);
    }

    public boolean isWithheld() {
        return WITHHELD.equals(raw);
    }
}
