package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.frames.FrameFailure;
import dev.episodes.frames.FramePlan;
import dev.episodes.frames.FrameSettings;
import dev.episodes.frames.FrameSource;
import dev.episodes.frames.MaskKinds;
import dev.episodes.frames.MaskRect;
import dev.episodes.frames.ScopeRegions;
import dev.episodes.frames.ShotRequest;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.testing.Await;
import dev.episodes.testing.SampleEpisodes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The frames stage in Flink's async operator: frames attached, episodes without screenshots passed
 * unchanged, an episode stuck on a slow store still checkpointed and framed again after a restore, an
 * overall timeout keeping the episode with every planned step failed as timeout, counters for the summary.
 */
@Timeout(60)
class FramesFunctionTest {
    private static final long TIMEOUT_MS = 5_000;
    private static byte[] png;
    private static Episode episode;
    /** Sources are static: the operator's function is serializable and tests share nothing else. */
    static volatile CountDownLatch gate;
    static final AtomicInteger READS = new AtomicInteger();

    @BeforeAll
    static void data() throws Exception {
        BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_3BYTE_BGR);
        img.getGraphics().fillRect(20, 20, 100, 50);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        png = out.toByteArray();
        episode = SampleEpisodes.of(GeneratorSettings.of(1, Duration.ofMinutes(10), 3)).get(0);
    }

    private static final FrameSource MEMORY = (uri, max) -> {
        READS.incrementAndGet();
        if (uri.contains("missing")) {
            throw new FrameFailure(FrameFailure.Reason.MISSING, "nothing there");
        }
        return png;
    };

    private static final FrameSource GATED = (uri, max) -> {
        try {
            gate.await();
        } catch (InterruptedException e) {
            throw new FrameFailure(FrameFailure.Reason.UNREADABLE, "interrupted");
        }
        return MEMORY.read(uri, max);
    };

    /** Every step with a screenshot: the first half of one file, then one missing. */
    private static Episode planned(Episode e) {
        List<ShotRequest> shots = new ArrayList<>();
        int n = e.steps().size();
        for (int i = 0; i < n; i++) {
            shots.add(i == n - 1 ? new ShotRequest("s3://shots/missing.png", 320, 200, "App", List.of())
                    : i % 2 == 0 ? new ShotRequest("s3://shots/a.png", 320, 200, "App",
                            List.of(new MaskRect(20, 20, 10, 10, MaskKinds.SECURE_FIELD))) : null);
        }
        return e.withPlan(new FramePlan(shots));
    }

    private static long plannedSteps(Episode e) {
        return e.plan().steps().stream().filter(s -> s != null).count();
    }

    private static OneInputStreamOperatorTestHarness<Episode, Episode> harness(FrameSource source) throws Exception {
        FramesFunction fn = new FramesFunction(FrameSettings.on().withReads(Duration.ofSeconds(30), 2),
                ScopeRegions.NONE, source);
        return new OneInputStreamOperatorTestHarness<>(new AsyncWaitOperatorFactory<>(fn, TIMEOUT_MS, 4,
                AsyncDataStream.OutputMode.UNORDERED), PipelineTypes.EPISODE.createSerializer(new SerializerConfigImpl()));
    }

    private static void runMails(OneInputStreamOperatorTestHarness<?, ?> h) throws Exception {
        java.util.Optional<org.apache.flink.streaming.runtime.tasks.mailbox.Mail> m;
        while ((m = h.getTaskMailbox().tryTake(org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox.MIN_PRIORITY))
                .isPresent()) {
            m.get().run();
        }
    }

    /** The accumulators {@link FramesCounts} keeps for these episodes (the stage's output). */
    private static Map<String, Long> counts(List<Episode> out) throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new org.apache.flink.streaming.api.operators.StreamMap<>(
                new FramesCounts()))) {
            h.open();
            for (Episode e : out) {
                h.processElement(e, 0L);
            }
            Map<String, Long> m = new java.util.TreeMap<>();
            for (Map.Entry<String, Accumulator<?, ?>> a : h.getEnvironment().getAccumulatorRegistry().getUserMap()
                    .entrySet()) {
                m.put(a.getKey(), (Long) a.getValue().getLocalValue());
            }
            return m;
        }
    }

    @Test
    void framesAreAttachedAndCounted() throws Exception {
        Episode in = planned(episode);
        try (var h = harness(MEMORY)) {
            h.open();
            h.processElement(in, 1L);
            h.endInput();
            List<Episode> out = h.extractOutputValues();
            assertEquals(1, out.size());
            Episode e = out.get(0);
            assertNotNull(e.frames());
            assertEquals(1, e.frames().frames().size(), "one distinct screenshot, one frame");
            assertNotNull(e.frameIdOf(0));
            assertNull(e.frameIdOf(in.steps().size() - 1));
            assertEquals(Map.of("missing", 1L), e.frames().failures());
            assertEquals(Map.of(Counters.FRAMES_STORED, 1L, Counters.FRAMES_FAILED_PREFIX + "missing", 1L), counts(out));
        }
    }

    @Test
    void episodesWithoutScreenshotsPassUnchanged() throws Exception {
        Episode none = episode.withPlan(new FramePlan(new ArrayList<>(java.util.Collections.nCopies(
                episode.steps().size(), (ShotRequest) null))));
        int before = READS.get();
        try (var h = harness(MEMORY)) {
            h.open();
            h.processElement(episode, 1L);
            h.processElement(none, 2L);
            h.endInput();
            List<Episode> out = h.extractOutputValues();
            assertEquals(2, out.size());
            for (Episode e : out) {
                assertNull(e.frames());
            }
            assertEquals(before, READS.get(), "no store contacted");
            assertEquals(Map.of(Counters.FRAMES_STORED, 0L), counts(out));
        }
    }

    @Test
    void aCheckpointCompletesWhileAReadIsStuckAndTheEpisodeIsFramedAgainAfterRestore() throws Exception {
        Episode in = planned(episode);
        gate = new CountDownLatch(1);
        OperatorSubtaskState snapshot;
        try (var h = harness(GATED)) {
            h.open();
            h.processElement(in, 1L);
            snapshot = h.snapshot(1L, 2L); // does not wait for the stuck read
            assertTrue(h.extractOutputValues().isEmpty(), "still in flight");
        } // closing interrupts the stuck read; the episode lives in the snapshot
        gate.countDown();
        try (var h = harness(MEMORY)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            h.endInput();
            List<Episode> out = h.extractOutputValues();
            assertEquals(1, out.size(), "restored and framed again");
            assertEquals(in.episodeId(), out.get(0).episodeId());
            assertEquals(1, out.get(0).frames().frames().size());
            assertEquals(Map.of("missing", 1L), out.get(0).frames().failures());
        }
    }

    @Test
    void anEpisodeOutlastingTheStageTimeoutGoesOnWithEveryPlannedStepTimedOut() throws Exception {
        Episode in = planned(episode);
        gate = new CountDownLatch(1);
        try (var h = harness(GATED)) {
            h.open();
            h.processElement(in, 1L);
            h.setProcessingTime(TIMEOUT_MS + 1);
            Await.until("the timed-out episode", Duration.ofSeconds(10), () -> {
                runMails(h); // the mailbox hands the result on
                return !h.extractOutputValues().isEmpty();
            });
            gate.countDown(); // the late reads finish: no second result, no second count
            h.endInput();
            List<Episode> out = h.extractOutputValues();
            assertEquals(1, out.size());
            Episode e = out.get(0);
            assertSame(null, e.frameIdOf(0));
            assertEquals(Map.of("timeout", plannedSteps(in)), e.frames().failures());
            assertEquals(Map.of(Counters.FRAMES_STORED, 0L, Counters.FRAMES_FAILED_PREFIX + "timeout", plannedSteps(in)),
                    counts(out));
        }
    }
}
