package dev.episodes.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The watchdog of bounded runs on the embedded cluster. */
final class StallFlags {
    @Option(names = "--stall-timeout", converter = DurationConverter.class, defaultValue = "10m",
            description = "Cancel the job and fail (exit 5), naming the operator still busy, when nothing moved "
                    + "for this long: no record read, no operator's counter, no task finishing; 0 never "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration stallTimeout;

    Duration timeout() {
        if (stallTimeout.isNegative()) {
            throw new IllegalArgumentException("--stall-timeout must be 0 (never) or more, got " + stallTimeout);
        }
        return stallTimeout;
    }
}
