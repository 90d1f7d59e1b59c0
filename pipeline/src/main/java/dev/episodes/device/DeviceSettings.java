package dev.episodes.device;

import dev.episodes.session.SessionRules;
import java.io.Serializable;

/**
 * The job's configuration of per-device state: bound to state when it is read, never stored in it, so a
 * job restored with a changed {@code --session-gap} or {@code --dedup-retention} runs with the new one.
 *
 * @param idleUs a device whose latest event is this far behind event time is forgotten (its state cleared,
 *     anything open closed first); {@link Long#MAX_VALUE}: never
 */
public record DeviceSettings(SessionRules rules, long dedupRetentionUs, long idleUs) implements Serializable {
    public static final long NEVER = Long.MAX_VALUE;

    public DeviceSettings {
        if (rules == null) {
            throw new IllegalArgumentException("session rules are required");
        }
        if (dedupRetentionUs <= 0 || idleUs <= 0) {
            throw new IllegalArgumentException("dedup retention and device idle time must be positive");
        }
    }

    /**
     * Whether an event at {@code tsUs}, of a device with no state, is older than any device's state keeps
     * at event time {@code watermarkUs}: a device that sent it would have been forgotten since, so it can only
     * be a repeat of something already processed, or arrive later than anything is ordered. Late, then, not a
     * fresh device (which would make its step, and its episode id, a second time).
     */
    public boolean beyondMemory(long tsUs, long watermarkUs) {
        if (idleUs == NEVER || watermarkUs == Long.MIN_VALUE) {
            return false;
        }
        long horizon = watermarkUs - idleUs;
        return horizon < watermarkUs && tsUs <= horizon;
    }

    /** Devices are never forgotten: tests and bounded runs that end anyway. */
    public DeviceSettings(SessionRules rules, long dedupRetentionUs) {
        this(rules, dedupRetentionUs, NEVER);
    }
}
