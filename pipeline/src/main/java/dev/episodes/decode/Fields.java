package dev.episodes.decode;

/**
 * Read access to one record's fields, whatever the encoding (a JSON object, an Avro record), so the
 * contract's rules live once in {@link EventBuilder}. Each accessor returns null when the field is
 * absent or null, and throws {@link FieldError} when it has the wrong type.
 */
interface Fields {
    String text(String name);

    Long integral(String name);

    Integer int32(String name);

    /** A boolean, or null when absent, null or not a boolean (callers decide how to treat it). */
    Boolean bool(String name);

    /** A nested record, or null. */
    Fields object(String name);

    /** The elements of an array of strings, or null. */
    java.util.List<String> strings(String name);
}
