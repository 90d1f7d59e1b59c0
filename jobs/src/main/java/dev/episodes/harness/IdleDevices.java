package dev.episodes.harness;

import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.StateSettings;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.JobProgress;
import dev.episodes.flink.runs.KafkaStreaming;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.publish.Topics;
import dev.episodes.cli.EmbeddedFlink;
import dev.episodes.writing.DatasetCommitter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Many devices open at once, each idle after a few seconds of typing: the shape of a large fleet at a low
 * rate. The streaming job reads them from Kafka and is then snapshotted; what the state costs per device
 * is the snapshot's size and the heap it holds (or, with RocksDB, the process's resident memory).
 */
final class IdleDevices {
    static final int EVENTS_PER_DEVICE = 5;

    record Result(String backend, int devices, double snapshotSeconds, long snapshotBytes, long heapBytes, long rssMb,
            double ingestSeconds) {
        double snapshotBytesPerDevice() {
            return (double) snapshotBytes / devices;
        }

        double heapBytesPerDevice() {
            return (double) heapBytes / devices;
        }
    }

    private IdleDevices() {}

    /** One context event and two typed letters per device, spread over a minute of event time an hour ago. */
    static Path corpus(Path dir, int devices) throws IOException {
        Path file = dir.resolve("idle-devices-" + devices + ".jsonl");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(dir);
        long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() * 1000;
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (int i = 0; i < devices; i++) {
                String user = "u-" + i;
                String device = "d-" + i;
                long t = t0 + (i % 60_000) * 1000L;
                for (RawEvent e : List.<RawEvent>of(
                        new ContextEvent("c-" + i, user, device, t, 1, "Editor", "notes.txt - Editor", null,
                                new Element("textbox", "Body", false, 100, 200, 600, 400), null, 1920, 1080),
                        new KeyEvent("k-" + i + "-1", user, device, t + 400_000, 2, true, "h", "KeyH", 0),
                        new KeyEvent("k-" + i + "-2", user, device, t + 480_000, 3, false, "h", "KeyH", 0),
                        new KeyEvent("k-" + i + "-3", user, device, t + 600_000, 4, true, "i", "KeyI", 0),
                        new KeyEvent("k-" + i + "-4", user, device, t + 690_000, 5, false, "i", "KeyI", 0))) {
                    w.write(JsonEventEncoder.encode(e));
                    w.newLine();
                }
            }
        }
        Files.move(tmp, file);
        return file;
    }

    static Result measure(Path corpus, int devices, StateSettings.Backend backend, KafkaSettings base,
            PipelineConfig config, Path work) throws Exception {
        String tag = "idle-" + backend.wire();
        KafkaSettings kafka = new KafkaSettings(base.bootstrap(), tag + ".keys", tag + ".mouse", tag + ".context",
                tag + ".consent", tag + ".deadletter", tag, "earliest", false, Duration.ofHours(1));
        Topics.ensure(kafka, 2);
        Path out = work.resolve(tag);
        DatasetCommitter.deleteRecursively(out);
        StateSettings state = new StateSettings(backend, out.resolve("checkpoints"));
        StreamExecutionEnvironment env = EmbeddedFlink.environment(config.effectiveParallelism(), state);
        new KafkaStreaming(kafka, out.resolve("dataset"), config, BenchKey.get())
                .build(env);
        JobClient job = env.executeAsync("bench " + tag);
        try {
            awaitRunning(job);
            long baseline = ProcessMemory.heapUsedAfterGc();
            long t0 = System.nanoTime();
            ActivityPublisher.publish(corpus, kafka, Encoding.JSON);
            long expected = (long) devices * EVENTS_PER_DEVICE;
            awaitRead(job, expected);
            double ingest = Floors.seconds(t0);
            long s0 = System.nanoTime();
            // The savepoint's barrier follows every record already read, so it holds all devices.
            String savepoint = job.triggerSavepoint(out.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.NATIVE).get(10, TimeUnit.MINUTES);
            double snapshotSeconds = Floors.seconds(s0);
            long heap = ProcessMemory.heapUsedAfterGc() - baseline;
            long rss = ProcessMemory.rssMb();
            return new Result(backend.wire(), devices, snapshotSeconds, sizeOf(Path.of(java.net.URI.create(savepoint))),
                    heap, rss, ingest);
        } finally {
            job.cancel().get(2, TimeUnit.MINUTES);
            DatasetCommitter.deleteRecursively(out);
        }
    }

    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (job.getJobStatus().get(10, TimeUnit.SECONDS) != JobStatus.RUNNING || JobProgress.recordsRead(job) < 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the idle-devices job did not start within 2 minutes");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static void awaitRead(JobClient job, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long read;
        while ((read = JobProgress.recordsRead(job)) < expected) {
            if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                throw new IllegalStateException("the idle-devices job stopped after reading " + read + " records");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("read " + read + " of " + expected + " records in 10 minutes");
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
