package dev.episodes.session;

import java.io.Serializable;
import java.time.Duration;

/** When an episode ends: after a silence longer than {@code gap}, at the {@code maxLength} cap, or on a split. */
public record SessionRules(Duration gap, Duration maxLength, SplitOn splitOn) implements Serializable {
    public static final SessionRules DEFAULT = new SessionRules(Duration.ofMinutes(5), Duration.ofMinutes(30),
            SplitOn.NONE);

    public SessionRules {
        if (gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("session gap must be positive: " + gap);
        }
        if (maxLength.compareTo(gap) < 0) {
            throw new IllegalArgumentException("max episode length " + maxLength + " is shorter than the gap " + gap);
        }
    }

    public long gapUs() {
        return gap.toNanos() / 1000;
    }

    public long maxLengthUs() {
        return maxLength.toNanos() / 1000;
    }
}
