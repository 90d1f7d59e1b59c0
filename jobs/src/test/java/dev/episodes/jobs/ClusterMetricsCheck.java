package dev.episodes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.decode.RejectReason;
import dev.episodes.deploy.PipelineMetrics;
import dev.episodes.flink.operators.DeviceTimelineFunction;
import dev.episodes.testing.Await;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an on-call engineer's Prometheus gets from a running stream job on deploy/local's cluster: every
 * metric of deploy/grafana/pipeline-metrics.txt (but the frames stage's: the job runs without frames) on
 * the reporter's endpoints, with values that agree with what the job did.
 */
final class ClusterMetricsCheck {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    static final String OPEN_DEVICES = "flink_taskmanager_job_task_operator_openDevices";
    private static final String OP = "flink_taskmanager_job_task_operator_";

    private ClusterMetricsCheck() {}

    /**
     * @param records the records the job has read by now (all it will read until more are published)
     * @param steps, episodes what the manifests name by now (the job has committed all it read)
     * @param eventTimeEnd the latest event time published: the watermark stays behind it
     */
    static void check(LocalDeployment local, String job, Path repo, long records, long steps, long episodes,
            Instant eventTimeEnd, Path saveTo) throws Exception {
        PipelineMetrics listed = PipelineMetrics.read(repo);
        boolean openDevicesRegistered = registersOpenDevices();
        List<String> missing = new ArrayList<>();
        PrometheusScrape[] last = new PrometheusScrape[2];
        try {
            Await.until("the listed metrics on the reporter's endpoints", WITHIN, () -> {
                PrometheusScrape tm = PrometheusScrape.of(local.metrics()).ofJob(job);
                PrometheusScrape jm = PrometheusScrape.of(local.jobManagerMetrics()).ofJob(job);
                last[0] = tm;
                last[1] = jm;
                missing.clear();
                for (PipelineMetrics.Metric m : listed.metrics()) {
                    if (m.frames() || (m.name().equals(OPEN_DEVICES) && !openDevicesRegistered)) {
                        continue;
                    }
                    PrometheusScrape where = m.endpoint().equals("jobmanager") ? jm : tm;
                    if (where.names().stream().noneMatch(m::matches)) {
                        missing.add(m.name());
                    }
                }
                // Values read live at each scrape: the committer's count follows its last commit.
                return missing.isEmpty() && tm.sum(OP + "stepsCommitted") == steps
                        && tm.sum(OP + "pendingRecords") == 0 ? Boolean.TRUE : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; missing " + missing + ", stepsCommitted "
                    + (last[0] == null ? "-" : last[0].sum(OP + "stepsCommitted")) + " of " + steps
                    + "; logs in " + local.dir(), e);
        } finally {
            if (last[0] != null) {
                Files.writeString(saveTo, String.join("\n", lines(last[0])) + "\n" + String.join("\n", lines(last[1])));
            }
        }
        PrometheusScrape tm = last[0];
        PrometheusScrape jm = last[1];
        if (!openDevicesRegistered) {
            System.out.println("metrics: " + OPEN_DEVICES + " not checked: DeviceTimelineFunction does not register "
                    + "openDevices yet (the integrator's part of issue 16)");
        }

        assertEquals(records, (long) tm.sum(OP + "recordsIn"), "recordsIn counts every record read once");
        assertEquals(steps, (long) tm.sum(OP + "stepsCommitted"), "stepsCommitted: what the manifests name");
        assertEquals(episodes, (long) tm.sum(OP + "episodesCommitted"), "episodesCommitted: what the manifests name");
        assertTrue(tm.sum(OP + "commitLatencyMs_count") > 0, "commit latencies are recorded");
        assertTrue(tm.sum(OP + "episodes") >= episodes, "episodes closed, at least those committed");

        // Dead letters by reason as a label, every reason from the start (none happened: all read 0).
        Set<String> reasons = tm.named(OP + "deadLetters_reason_written").stream()
                .map(s -> s.labels().get("reason")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Arrays.stream(RejectReason.values()).map(RejectReason::wire)
                .collect(Collectors.toCollection(TreeSet::new)), reasons, "a series per reason");
        assertEquals(0.0, tm.sum(OP + "deadLettersWritten"));

        // Consumer lag: per partition offsets of the Kafka source, nothing pending once all is read.
        assertTrue(tm.named(OP + "KafkaSourceReader_topic_partition_currentOffset").stream()
                .allMatch(s -> s.labels().containsKey("topic") && s.labels().containsKey("partition")));

        // Event-time lag: the watermark behind the wall clock, i.e. at least now - the last event's time.
        long lagMs = (long) tm.sum(OP + "eventTimeLagMs");
        long atLeast = Duration.between(eventTimeEnd, Instant.now()).toMillis() - 60_000;
        assertTrue(lagMs >= atLeast && lagMs <= atLeast + Duration.ofDays(1).toMillis(),
                "eventTimeLagMs " + lagMs + " for events up to " + eventTimeEnd);

        assertEquals(0.0, jm.sum("flink_jobmanager_job_numRestarts"), "the job never restarted");
        System.out.println("metrics: a sample of the scrape:\n  " + String.join("\n  ", sample(tm, jm)));
    }

    /** Whether the timeline registers its open-devices gauge yet (its name is in the class's constants). */
    static boolean registersOpenDevices() throws Exception {
        try (InputStream in = DeviceTimelineFunction.class.getResourceAsStream("DeviceTimelineFunction.class")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("openDevices");
        }
    }

    private static List<String> lines(PrometheusScrape s) {
        return s.samples().stream().map(x -> x.name() + x.labels() + " " + x.value()).toList();
    }

    private static List<String> sample(PrometheusScrape tm, PrometheusScrape jm) {
        List<String> out = new ArrayList<>();
        for (String n : List.of(OP + "recordsInPerSecond", OP + "stepsCommitted", OP + "episodesCommitted",
                OP + "commitLatencyMs", OP + "eventTimeLagMs", OP + "pendingRecords",
                OP + "KafkaSourceReader_KafkaConsumer_records_lag_max", OP + "deadLetters_reason_written",
                OP + "deadLettersPerSecond", OP + "user_deadLettersPublished", OPEN_DEVICES)) {
            tm.named(n).stream().limit(2).forEach(s -> out.add(s.name() + "{operator_name=\""
                    + s.labels().get("operator_name") + "\"" + (s.labels().containsKey("reason") ? ",reason=\""
                    + s.labels().get("reason") + "\"" : "") + (s.labels().containsKey("quantile") ? ",quantile=\""
                    + s.labels().get("quantile") + "\"" : "") + ",...} " + s.value()));
        }
        tm.names().stream().filter(n -> n.startsWith(OP + "redactions_")).limit(3)
                .forEach(n -> out.add(n + "{...} " + tm.sum(n)));
        jm.named("flink_jobmanager_job_lastCheckpointDuration").forEach(s -> out.add(s.name() + "{job_name=\""
                + s.labels().get("job_name") + "\",...} " + s.value()));
        return out;
    }
}
