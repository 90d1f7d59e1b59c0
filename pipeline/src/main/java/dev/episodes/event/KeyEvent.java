package dev.episodes.event;

/**
 * A key press or release. {@code key} is the W3C {@code KeyboardEvent.key}, {@code code} the physical
 * key; {@code modifiers} is a bit set of {@link Modifiers}.
 */
public record KeyEvent(
        String eventId, String userId, String deviceId, long tsUs, long seq,
        boolean down, String key, String code, int modifiers) implements RawEvent {

    @Override
    public Kind kind() {
        return Kind.KEY;
    }
}
