package dev.episodes.event;

/** One decoded recorder event (raw-events.md). Immutable; the common fields are on every kind. */
public sealed interface RawEvent permits KeyEvent, MouseEvent, ContextEvent, ConsentEvent {
    String eventId();

    String userId();

    String deviceId();

    /** Event time in microseconds since the Unix epoch (UTC), from the device clock. */
    long tsUs();

    /** Per-device emission counter; orders events of equal {@link #tsUs()}. */
    long seq();

    Kind kind();

    enum Kind {
        KEY("key"), MOUSE("mouse"), CONTEXT("context"), CONSENT("consent");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
