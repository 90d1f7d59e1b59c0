package dev.episodes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.episodes.config.PseudonymKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster entry points fail in their main, before a job is built or submitted, when no pseudonym
 * key is configured: the JobManager rejects the submission with the CLI's message, and nothing runs.
 */
class NoKeyJobsTest {
    @BeforeAll
    static void theEnvironmentHoldsNoKey() {
        assertNull(System.getenv(PseudonymKey.ENV), "these tests run without a key: unset $" + PseudonymKey.ENV);
    }

    @Test
    void streamJob(@TempDir Path dir) {
        Path out = dir.resolve("out");
        failsFast(() -> StreamJob.main(new String[] {"--bootstrap", "127.0.0.1:1", "--out", out.toString()}));
        StreamJob job = new StreamJob();
        JobArguments.parse(job, new String[] {"--bootstrap", "127.0.0.1:1", "--out", out.toString()});
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        failsFast(() -> job.submit(env));
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("out.state")));
    }

    @Test
    void replayJob(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Path out = dir.resolve("out");
        failsFast(() -> ReplayJob.main(new String[] {"--input", input.toString(), "--out", out.toString()}));
        failsFast(() -> ReplayJob.main(new String[] {"--bootstrap", "127.0.0.1:1", "--from", "2026-11-27T00:00:00Z",
                "--to", "2026-11-28T00:00:00Z", "--out", out.toString()}));
        assertFalse(Files.exists(out));
    }

    @Test
    void nightlyJob(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Path out = dir.resolve("out");
        failsFast(() -> NightlyJob.main(new String[] {"--date", "2026-11-27", "--input", input.toString(), "--out",
                out.toString()}));
        failsFast(() -> NightlyJob.main(new String[] {"--date", "2026-11-27", "--bootstrap", "127.0.0.1:1", "--out",
                out.toString()}));
        assertFalse(Files.exists(out));
    }

    private static void failsFast(Executable main) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, main);
        assertEquals(PseudonymKey.MISSING, e.getMessage());
    }
}
