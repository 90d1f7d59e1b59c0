package dev.episodes.flink.runs;

import java.time.Duration;

/** Receives the running count of input records, about twice a second. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (records, elapsed) -> { };

    void update(long recordsRead, Duration elapsed);
}
