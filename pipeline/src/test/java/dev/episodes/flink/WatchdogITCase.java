package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.BoundedBuild;
import dev.episodes.flink.runs.JobStalledException;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.testing.Await;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog of bounded runs: an operator that stops making progress (here a test-only stage that
 * spins at 100% CPU after a few records, like the timeline once did) is an error naming it, within the
 * stall timeout, and the job is cancelled; never an endless spin behind a ticking progress line.
 */
class WatchdogITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Spins (interruptibly, so the cancellation can stop it) from the 50th event on. */
    static final class SpinForever implements MapFunction<RawEvent, RawEvent> {
        private static final long serialVersionUID = 1L;
        private long seen;

        @Override
        public RawEvent map(RawEvent e) throws InterruptedException {
            if (++seen >= 50) {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                throw new InterruptedException("cancelled");
            }
            return e;
        }
    }

    @Test
    void aStalledOperatorIsNamedAndTheJobCancelled(@TempDir Path dir, @InjectClusterClient ClusterClient<?> cluster)
            throws Exception {
        Path input = dir.resolve("activity.jsonl");
        Corpus.write(input, GeneratorSettings.of(2, Duration.ofMinutes(5), 3));
        Path root = dir.resolve("dataset");
        ArchiveReplay job = new ArchiveReplay(input, root, PipelineConfig.defaults().withParallelism(1),
                TestKey.KEY)
                .withTap(events -> events.map(new SpinForever(), PipelineTypes.RAW_EVENT).name("stall-here")
                        .setParallelism(1));
        long started = System.nanoTime();
        JobStalledException e = assertThrows(JobStalledException.class, () -> BoundedBuild.execute(job, Flink.env(),
                "stalled", Progress.NONE, Duration.ofSeconds(3)));
        long tookSeconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(e.getMessage().startsWith("no progress for 3s"), e.getMessage());
        assertTrue(e.getMessage().contains("stall-here") && e.getMessage().contains("on the CPU in "
                + "WatchdogITCase$SpinForever.map"), "names the stuck operator and where it spins: " + e.getMessage());
        assertFalse(e.getMessage().contains("Source: archive-files"), "the source only waits: " + e.getMessage());
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertTrue(tookSeconds < 45, "found within the timeout and a few looks, not " + tookSeconds + " s");
        Await.until("the job to be cancelled", Duration.ofSeconds(30), () -> cluster.listJobs().get().stream()
                .allMatch(j -> j.getJobState().isGloballyTerminalState()));
        try (Stream<Path> files = Files.list(root)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("dt=")), "nothing was published");
        }
    }

    @Test
    void aHealthyRunIsNotStoppedByAShortTimeout(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("activity.jsonl");
        Corpus.write(input, GeneratorSettings.of(2, Duration.ofMinutes(5), 4));
        ArchiveReplay job = new ArchiveReplay(input, dir.resolve("dataset"), PipelineConfig.defaults().withParallelism(2),
                TestKey.KEY);
        assertTrue(BoundedBuild.execute(job, Flink.env(), "healthy", Progress.NONE, Duration.ofSeconds(3))
                .accountedFor());
    }
}
