package dev.episodes.event;

/** What is on screen from {@code tsUs} until the device's next context event. */
public record ContextEvent(
        String eventId, String userId, String deviceId, long tsUs, long seq,
        String app, String windowTitle, String url, Element element,
        String screenshotRef, Integer screenW, Integer screenH) implements RawEvent {

    @Override
    public Kind kind() {
        return Kind.CONTEXT;
    }
}
