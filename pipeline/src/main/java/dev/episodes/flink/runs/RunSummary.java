package dev.episodes.flink.runs;

import dev.episodes.writing.CommitSummary;
import java.time.Duration;
import java.util.Map;

/**
 * What a run did. Every input record is accounted for:
 * {@code recordsRead = eventsOrdered + consentEvents + duplicates + sum(deadLetters)}. {@code droppedSteps}
 * counts steps removed by the deny-lists, by reason.
 */
public record RunSummary(String runId, long recordsRead, long eventsOrdered, long consentEvents, long duplicates,
        Map<String, Long> deadLetters, Map<String, Long> droppedSteps, CommitSummary commit, Duration wallTime) {

    public long deadLetterTotal() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean accountedFor() {
        return recordsRead == eventsOrdered + consentEvents + duplicates + deadLetterTotal();
    }

    public double recordsPerSecond() {
        double s = wallTime.toNanos() / 1e9;
        return s <= 0 ? 0 : recordsRead / s;
    }
}
