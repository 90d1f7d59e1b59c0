package dev.episodes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The replay and nightly cluster jobs read the CLI's flags; bad combinations fail with a reason. */
class BoundedJobsTest {
    @Test
    void nightlyDefaultsToYesterdayAndRefusesRanges() {
        NightlyJob job = new NightlyJob();
        assertTrue(JobArguments.parse(job, new String[] {"--bootstrap", "h:9092", "--out", "/data/ds"}));
        assertEquals(LocalDate.now(ZoneOffset.UTC).minusDays(1), job.flags.first());
        NightlyJob range = new NightlyJob();
        JobArguments.parse(range, new String[] {"--input", "in", "--out", "o", "--from-date", "2026-11-01",
                "--to-date", "2026-11-03"});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> range.submit(null));
        assertTrue(e.getMessage().contains("one day"), e.getMessage());
    }

    @Test
    void replayNeedsOneInputAndKafkaNeedsARange() {
        ReplayJob both = new ReplayJob();
        JobArguments.parse(both, new String[] {"--input", "in", "--bootstrap", "h:9092", "--out", "o"});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> both.flags.job(1)).getMessage().contains("either"));
        ReplayJob noRange = new ReplayJob();
        JobArguments.parse(noRange, new String[] {"--bootstrap", "h:9092", "--out", "o"});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> noRange.flags.job(1)).getMessage().contains("--from"));
    }
}
