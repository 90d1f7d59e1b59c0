package dev.episodes.decode;

/** Why a record became a dead letter. The wire name is what {@code _private/rejected/} files and summaries show. */
public enum RejectReason {
    EMPTY_LINE("empty_line"),
    MALFORMED_JSON("malformed_json"),
    MALFORMED_AVRO("malformed_avro"),
    UNKNOWN_SCHEMA("unknown_schema"),
    UNKNOWN_ENCODING("unknown_encoding"),
    WRONG_TOPIC("wrong_topic"),
    NOT_AN_OBJECT("not_an_object"),
    MISSING_FIELD("missing_field"),
    WRONG_TYPE("wrong_type"),
    UNKNOWN_KIND("unknown_kind"),
    INVALID_VALUE("invalid_value"),
    TS_BEFORE_2000("ts_before_2000"),
    TS_IN_FUTURE("ts_in_future"),
    LATE("late"),
    // New reasons go last: dead letters in state and on the wire carry the ordinal.
    /** Anything but whitespace after the line's object (a second object, garbage). */
    TRAILING_DATA("trailing_data"),
    /** An archive file that cannot be read to its end (truncated or corrupt gzip, unreadable). */
    CORRUPT_ARCHIVE("corrupt_archive"),
    /** A line longer than an archive reader holds ({@code ArchiveLines.MAX_LINE_BYTES}); skipped to its end. */
    LINE_TOO_LONG("line_too_long");

    private final String wire;

    RejectReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
