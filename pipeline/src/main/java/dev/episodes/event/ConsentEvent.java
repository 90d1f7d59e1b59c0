package dev.episodes.event;

/**
 * A person's consent change; {@code deviceId} is empty and {@code seq} is 0 on the wire. A revoke with
 * {@code untilTsUs} before {@link #NO_END} is a pause that ends by itself then; without one it holds until
 * a later grant (an exemption). A grant has no end.
 */
public record ConsentEvent(String eventId, String userId, String deviceId, long tsUs, long seq, boolean granted,
        long untilTsUs) implements RawEvent {
    /** No end: a revoke until a later grant (and every grant). */
    public static final long NO_END = Long.MAX_VALUE;

    public ConsentEvent {
        if (granted) {
            untilTsUs = NO_END; // only meaningful on revoked (raw-events.md)
        }
    }

    /** A consent change without a pause end (consent systems that predate {@code until_ts_us}). */
    public ConsentEvent(String eventId, String userId, String deviceId, long tsUs, long seq, boolean granted) {
        this(eventId, userId, deviceId, tsUs, seq, granted, NO_END);
    }

    public boolean isPause() {
        return !granted && untilTsUs != NO_END;
    }

    @Override
    public Kind kind() {
        return Kind.CONSENT;
    }
}
