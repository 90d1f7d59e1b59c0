package dev.episodes.flink.runs;

import dev.episodes.flink.operators.Counters;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;

/**
 * Waits for a submitted bounded job while reporting progress, then reads its counters. A watchdog
 * watches it: when nothing moves for the stall timeout (no accumulator, no task finishing, no operator's
 * record counter) and the job has not finished, it cancels the job and fails with the operators still
 * busy, instead of spinning forever behind a progress line that keeps ticking.
 */
public final class JobProgress {
    /** How often the watchdog looks at the tasks (their REST metrics refresh about every 10 s). */
    static final Duration LOOK_EVERY = Duration.ofSeconds(2);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

    private JobProgress() {}

    static JobExecutionResult await(JobClient client, Progress progress, long startedNanos) throws Exception {
        return await(client, progress, startedNanos, Duration.ZERO);
    }

    /** As {@link #await(JobClient, Progress, long)}, failing after {@code stallTimeout} without progress (0: never). */
    static JobExecutionResult await(JobClient client, Progress progress, long startedNanos, Duration stallTimeout)
            throws Exception {
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        boolean watch = stallTimeout != null && !stallTimeout.isZero() && !stallTimeout.isNegative();
        JobVertices vertices = watch ? new JobVertices(client) : null;
        String lastSeen = null;
        long lastMoveNanos = System.nanoTime();
        long lastLookNanos = 0;
        long read = -1;
        while (!result.isDone()) {
            try {
                result.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                Map<String, Object> acc = accumulators(client);
                read = acc == null ? -1 : counter(acc, Counters.RECORDS_READ);
                progress.update(read, Duration.ofNanos(System.nanoTime() - startedNanos));
                long now = System.nanoTime();
                if (!watch || now - lastLookNanos < LOOK_EVERY.toNanos()) {
                    continue;
                }
                lastLookNanos = now;
                String seen = (acc == null ? "?" : new TreeMap<>(acc).toString()) + fingerprint(vertices.snapshot(false));
                if (!seen.equals(lastSeen)) {
                    lastSeen = seen;
                    lastMoveNanos = now;
                } else if (now - lastMoveNanos >= stallTimeout.toNanos() && !result.isDone()) {
                    throw stalled(client, vertices, stallTimeout, read, lastMoveNanos);
                }
            }
        }
        JobExecutionResult done = result.get();
        progress.update(counter(done.getAllAccumulatorResults(), Counters.RECORDS_READ),
                Duration.ofNanos(System.nanoTime() - startedNanos));
        return done;
    }

    private static String fingerprint(List<JobVertices.Vertex> vs) {
        StringBuilder sb = new StringBuilder();
        for (JobVertices.Vertex v : vs) {
            sb.append('|').append(v.name()).append(':').append(v.running()).append(':').append(v.counters());
        }
        return sb.toString();
    }

    private static JobStalledException stalled(JobClient client, JobVertices vertices, Duration timeout, long read,
            long lastMoveNanos) {
        List<JobVertices.Vertex> busy = vertices.snapshot(true).stream().filter(v -> v.running() > 0).toList();
        // The stage holding the job up: what is on the CPU in every look, else every vertex still running.
        List<JobVertices.Vertex> named = busy.stream().filter(v -> !v.onCpu().isEmpty()).toList();
        StringBuilder where = new StringBuilder();
        for (JobVertices.Vertex v : named.isEmpty() ? busy : named) {
            where.append(where.isEmpty() ? "" : ", ").append(v.describe());
        }
        String since = Instant.now().minusNanos(System.nanoTime() - lastMoveNanos).truncatedTo(ChronoUnit.SECONDS)
                .toString().replaceFirst("^.*T(.*)Z$", "$1 UTC");
        try {
            client.cancel().get(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the process exits after the message anyway; a task that ignores cancellation dies with it
        }
        return new JobStalledException(String.format("no progress for %s (%s records read, nothing moved since %s): "
                + "still busy: %s; the job was cancelled and nothing was published (raise --stall-timeout if a "
                + "stage of a very large build legitimately works this long without output; otherwise report it "
                + "with its input)", human(timeout), read < 0 ? "?" : String.format("%,d", read), since,
                where.isEmpty() ? "unknown operators (the cluster did not say)" : where));
    }

    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static Map<String, Object> accumulators(JobClient client) {
        try {
            return client.getAccumulators().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null; // progress is best effort; the final summary is exact
        }
    }

    public static long recordsRead(JobClient client) {
        Map<String, Object> acc = accumulators(client);
        return acc == null ? -1 : counter(acc, Counters.RECORDS_READ);
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
