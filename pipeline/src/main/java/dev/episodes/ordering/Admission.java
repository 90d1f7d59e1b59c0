package dev.episodes.ordering;

/** What the reorder buffer did with an offered event. */
public enum Admission {
    /** Buffered; it will be released in order. */
    ACCEPTED,
    /** Its event id was already seen: at-least-once delivery repeated it. */
    DUPLICATE,
    /** Its time is at or before what was already released: it can no longer be put in order. */
    LATE
}
