package dev.episodes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cluster job reads the stream command's flags; a bad one is an exception, never an exit. */
class StreamJobTest {
    @Test
    void readsTheStreamFlags() {
        StreamJob job = new StreamJob();
        assertTrue(JobArguments.parse(job, new String[] {"--bootstrap", "h:9092", "--out", "/data/episodes",
                "--checkpoint-interval", "2s", "--session-gap", "10m"}));
        assertEquals("h:9092", job.flags.kafka().bootstrap());
        assertEquals("/data/episodes", job.flags.out().toString());
        assertEquals(2_000, job.flags.kafka().checkpointInterval().toMillis());
        assertEquals(600, job.flags.config(1).sessionRules().gap().toSeconds());
    }

    @Test
    void parallelismZeroFollowsTheSubmission() {
        StreamJob job = new StreamJob();
        JobArguments.parse(job, new String[] {"--bootstrap", "h:9092", "--out", "o"});
        assertEquals(3, job.flags.config(3).parallelism());
        JobArguments.parse(job, new String[] {"--bootstrap", "h:9092", "--out", "o", "--parallelism", "2"});
        assertEquals(2, job.flags.config(3).parallelism());
    }

    @Test
    void aMissingFlagIsAnExceptionNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobArguments.parse(new StreamJob(), new String[] {"--bootstrap", "h:9092"}));
        assertTrue(e.getMessage().contains("--out"), e.getMessage());
    }

    @Test
    void helpIsPrintedAndNothingRuns() {
        assertFalse(JobArguments.parse(new StreamJob(), new String[] {"--help"}));
    }
}
