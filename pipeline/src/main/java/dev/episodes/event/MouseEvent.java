package dev.episodes.event;

/** A pointer event. {@code button} is null unless down/up; {@code dx}/{@code dy} are 0 unless wheel. */
public record MouseEvent(
        String eventId, String userId, String deviceId, long tsUs, long seq,
        Action action, int x, int y, Button button, int dx, int dy) implements RawEvent {

    public enum Action { MOVE, DOWN, UP, WHEEL }

    public enum Button { LEFT, RIGHT, MIDDLE }

    @Override
    public Kind kind() {
        return Kind.MOUSE;
    }
}
