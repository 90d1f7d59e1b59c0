package dev.episodes.flink.operators;

/** Names of the accumulators and metrics the operators keep; the run summary reads them. */
public final class Counters {
    public static final String RECORDS_READ = "records_read";
    public static final String EVENTS_DECODED = "events_decoded";
    public static final String CONSENT_EVENTS = "consent_events";
    public static final String DUPLICATES = "duplicates";
    /** Events ordered but withheld because the person had not consented at their time. */
    public static final String WITHOUT_CONSENT = "events_without_consent";
    /** Of those, the events withheld by a pause (a revoke with {@code until_ts_us}) still running at their time. */
    public static final String PAUSED = "events_paused";
    public static final String EVENTS_ORDERED = "events_ordered";
    /** String values of decoded events cut (or dropped) to their {@code FieldLimits}. */
    public static final String FIELDS_TRUNCATED = "fields_truncated";
    public static final String DEAD_LETTER_PREFIX = "dead_letters.";
    public static final String DROPPED_STEPS_PREFIX = "dropped_steps.";
    /** Events a windowed build reads but does not need (outside [from - lookback, to + lookahead)). */
    public static final String OUTSIDE_WINDOW = "events_outside_window";
    /** Episodes a windowed build made but that start outside its window (they belong to another build). */
    public static final String EPISODES_OUTSIDE_WINDOW = "episodes_outside_window";
    public static final String EPISODES = "episodes";
    public static final String STEPS = "steps";
    /** Devices whose open episode was closed because the input went quiet (streaming, --quiet-close). */
    public static final String QUIET_CLOSES = "quiet_closes";
    /** Devices forgotten (state cleared) after the device idle time in event time (--device-idle). */
    public static final String EXPIRED_DEVICES = "expired_devices";

    /** Distinct frames the frames stage stored (one per distinct rendered screenshot of an episode). */
    public static final String FRAMES_STORED = "frames_stored";
    /** Steps whose screenshot did not become a frame, by {@code FrameFailure.Reason} wire name. */
    public static final String FRAMES_FAILED_PREFIX = "frames_failed.";

    private Counters() {}
}
