package dev.episodes.event;

/** A person's consent change; {@code deviceId} is empty and {@code seq} is 0 on the wire. */
public record ConsentEvent(String eventId, String userId, String deviceId, long tsUs, long seq, boolean granted)
        implements RawEvent {

    @Override
    public Kind kind() {
        return Kind.CONSENT;
    }
}
