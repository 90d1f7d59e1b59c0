package dev.episodes.flink.runs;

import dev.episodes.flink.operators.Counters;
import dev.episodes.writing.CommitSummary;
import java.time.Duration;
import java.util.Map;

/**
 * What a run did. Every input record is accounted for:
 * {@code recordsRead = eventsOrdered + consentEvents + duplicates + sum(deadLetters)}. {@code droppedSteps}
 * counts steps removed by the deny-lists, by reason; {@code withoutConsent} the ordered events withheld
 * because their person had not consented at their time ({@code paused}: of those, the ones a pause covered). A windowed build also counts the events it read
 * but did not need ({@code outsideWindow}, part of the accounting) and the episodes it made that belong
 * to another window ({@code episodesOutsideWindow}). {@code fieldsTruncated} counts string values cut to
 * their size limit (see {@code FieldLimits}); their events are used. With frames on, {@code framesStored}
 * counts the frames made and {@code framesFailed} the steps whose screenshot did not become one, by reason.
 */
public record RunSummary(String runId, long recordsRead, long eventsOrdered, long consentEvents, long duplicates,
        Map<String, Long> deadLetters, Map<String, Long> droppedSteps, long withoutConsent, long outsideWindow,
        long episodesOutsideWindow, CommitSummary commit, Duration wallTime, long fieldsTruncated,
        long framesStored, Map<String, Long> framesFailed, long paused) {

    public static RunSummary of(String runId, Map<String, Object> acc, CommitSummary commit, Duration wallTime) {
        return new RunSummary(runId, JobProgress.counter(acc, Counters.RECORDS_READ),
                JobProgress.counter(acc, Counters.EVENTS_ORDERED), JobProgress.counter(acc, Counters.CONSENT_EVENTS),
                JobProgress.counter(acc, Counters.DUPLICATES), JobProgress.byPrefix(acc, Counters.DEAD_LETTER_PREFIX),
                JobProgress.byPrefix(acc, Counters.DROPPED_STEPS_PREFIX), JobProgress.counter(acc,
                        Counters.WITHOUT_CONSENT), JobProgress.counter(acc, Counters.OUTSIDE_WINDOW),
                JobProgress.counter(acc, Counters.EPISODES_OUTSIDE_WINDOW), commit, wallTime,
                JobProgress.counter(acc, Counters.FIELDS_TRUNCATED), JobProgress.counter(acc, Counters.FRAMES_STORED),
                JobProgress.byPrefix(acc, Counters.FRAMES_FAILED_PREFIX), JobProgress.counter(acc, Counters.PAUSED));
    }

    public long deadLetterTotal() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean accountedFor() {
        return recordsRead == eventsOrdered + consentEvents + duplicates + deadLetterTotal() + outsideWindow;
    }

    public double recordsPerSecond() {
        double s = wallTime.toNanos() / 1e9;
        return s <= 0 ? 0 : recordsRead / s;
    }
}
