package dev.episodes.flink.runs;

import dev.episodes.flink.operators.Counters;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;

/** Waits for a submitted job while reporting progress, then reads its counters. */
public final class JobProgress {
    private JobProgress() {}

    static JobExecutionResult await(JobClient client, Progress progress, long startedNanos) throws Exception {
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        while (!result.isDone()) {
            try {
                result.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                progress.update(recordsRead(client), Duration.ofNanos(System.nanoTime() - startedNanos));
            }
        }
        JobExecutionResult done = result.get();
        progress.update(counter(done.getAllAccumulatorResults(), Counters.RECORDS_READ),
                Duration.ofNanos(System.nanoTime() - startedNanos));
        return done;
    }

    public static long recordsRead(JobClient client) {
        try {
            return counter(client.getAccumulators().get(2, TimeUnit.SECONDS), Counters.RECORDS_READ);
        } catch (Exception e) {
            return -1; // progress is best effort; the final summary is exact
        }
    }

    static Map<String, Long> byPrefix(Map<String, Object> acc, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        acc.forEach((name, value) -> {
            if (name.startsWith(prefix) && value instanceof Long n && n > 0) {
                out.put(name.substring(prefix.length()), n);
            }
        });
        return out;
    }

    static long counter(Map<String, Object> acc, String name) {
        Object v = acc.get(name);
        return v instanceof Long n ? n : 0L;
    }
}
