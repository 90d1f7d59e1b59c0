package dev.episodes.flink.runs;

/**
 * A bounded run the watchdog cancelled: nothing moved for the stall timeout while the job had not
 * finished. The message names the operators still busy and says what to do.
 */
public final class JobStalledException extends Exception {
    private static final long serialVersionUID = 1L;

    public JobStalledException(String message) {
        super(message);
    }
}
