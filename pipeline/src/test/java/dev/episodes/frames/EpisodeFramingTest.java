package dev.episodes.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An episode's plan becomes its frames: reads once per URI, renders once per shot, ids by digest, failures counted. */
class EpisodeFramingTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(3);
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final FrameSource memory = (uri, max) -> {
        reads.computeIfAbsent(uri, u -> new AtomicInteger()).incrementAndGet();
        byte[] b = files.get(uri);
        if (b == null) {
            throw new FrameFailure(FrameFailure.Reason.MISSING, "nothing there");
        }
        if (b.length > max) {
            throw new FrameFailure(FrameFailure.Reason.OVERSIZED, b.length + " bytes");
        }
        return b;
    };

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static ShotRequest shot(String uri, MaskRect... masks) {
        return new ShotRequest(uri, 640, 400, "Editor", List.of(masks));
    }

    @Test
    void stepsSharingAScreenshotShareOneFrameAndFailuresAreCountedPerStep() throws Exception {
        files.put("s3://b/a.png", TestImages.encode(TestImages.screen(640, 400, 1), "png"));
        files.put("s3://b/b.png", TestImages.encode(TestImages.screen(640, 400, 2), "png"));
        files.put("s3://b/text.png", "not an image".getBytes());
        MaskRect m = new MaskRect(10, 10, 50, 20, MaskKinds.SECURE_FIELD);
        FramePlan plan = new FramePlan(Arrays.asList(shot("s3://b/a.png"), shot("s3://b/a.png"), null,
                shot("s3://b/a.png", m), shot("s3://b/b.png"), shot("s3://b/gone.png"), shot("s3://b/gone.png"),
                shot("s3://b/text.png")));
        EpisodeFraming framing = new EpisodeFraming(memory, FrameSettings.on(), ScopeRegions.NONE, pool);
        EpisodeFrames f = framing.frame("ep-1", plan).get(10, TimeUnit.SECONDS);
        List<String> ids = f.stepFrameIds();
        assertEquals(8, ids.size());
        assertNotNull(ids.get(0));
        assertEquals(ids.get(0), ids.get(1), "same screenshot, same masks: one frame");
        assertNull(ids.get(2));
        assertNotNull(ids.get(3));
        assertEquals(ids.get(0), ids.get(3), "one screenshot is one image: every mask its steps planned, one frame");
        assertNotNull(ids.get(4));
        assertNull(ids.get(5));
        assertNull(ids.get(6));
        assertNull(ids.get(7));
        assertEquals(2, f.frames().size());
        assertEquals(Map.of("missing", 2L, "corrupt", 1L), f.failures());
        assertEquals(1, reads.get("s3://b/a.png").get(), "each URI read once");
        assertEquals(1, reads.get("s3://b/gone.png").get());
        for (StoredFrame s : f.frames()) {
            assertEquals(EpisodeFraming.frameId("ep-1", s.image()), s.frameId());
            assertEquals(32, s.frameId().length());
        }
        assertEquals(List.of(m), f.frames().stream().filter(x -> x.frameId().equals(ids.get(0))).findFirst()
                .orElseThrow().masks(), "a.png's one frame carries the mask one of its steps planned");
        EpisodeFrames other = framing.frame("ep-2", plan).get(10, TimeUnit.SECONDS);
        assertTrue(!other.frameIdOf(0).equals(ids.get(0)), "frame ids are per episode");
        assertEquals(f.frames().get(0).image().length, other.frames().get(0).image().length);
    }

    @Test
    void frameIdIsTheDigestOfTheEpisodeIdANewlineAndTheBytes() {
        assertEquals(sha256Hex("ep\nabc").substring(0, 32), EpisodeFraming.frameId("ep", "abc".getBytes()));
    }

    private static String sha256Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReadOutlastingTheTimeoutIsInterruptedAndCountedAsTimeoutWhileOthersGoOn() throws Exception {
        files.put("file:///ok.png", TestImages.encode(TestImages.screen(200, 100, 3), "png"));
        CountDownLatch never = new CountDownLatch(1);
        List<Boolean> interrupted = new ArrayList<>();
        FrameSource slow = (uri, max) -> {
            if (uri.contains("slow")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    synchronized (interrupted) {
                        interrupted.add(true);
                    }
                    throw new FrameFailure(FrameFailure.Reason.UNREADABLE, "interrupted");
                }
            }
            return memory.read(uri, max);
        };
        FrameSettings settings = FrameSettings.on().withReads(Duration.ofMillis(300), 3);
        EpisodeFraming framing = new EpisodeFraming(slow, settings, ScopeRegions.NONE, pool);
        FramePlan plan = new FramePlan(List.of(shot("file:///slow.png"), shot("file:///ok.png"),
                shot("file:///slow.png")));
        EpisodeFrames f = framing.frame("ep", plan).get(10, TimeUnit.SECONDS);
        assertEquals(Map.of("timeout", 2L), f.failures());
        assertNull(f.frameIdOf(0));
        assertNotNull(f.frameIdOf(1));
        assertEquals(List.of(true), interrupted, "the stuck read was interrupted");
        // The pool thread is usable again, its interrupt flag cleared.
        EpisodeFrames again = framing.frame("ep", new FramePlan(List.of(shot("file:///ok.png")))).get(10,
                TimeUnit.SECONDS);
        assertEquals(Map.of(), again.failures());
    }

    @Test
    void oversizedBytesAndSourcesThatThrowAreCountedNotThrown() throws Exception {
        files.put("file:///big.png", TestImages.encode(TestImages.noise(300, 300, 4), "png"));
        FrameSource broken = (uri, max) -> {
            if (uri.contains("npe")) {
                throw new NullPointerException("a bug in a store client");
            }
            return memory.read(uri, max);
        };
        FrameSettings settings = FrameSettings.on().withLimits(1000, 64_000_000);
        EpisodeFrames f = new EpisodeFraming(broken, settings, null, pool)
                .frame("ep", new FramePlan(List.of(shot("file:///big.png"), shot("file:///npe.png"))))
                .get(10, TimeUnit.SECONDS);
        assertEquals(Map.of("oversized", 1L, "unreadable", 1L), f.failures());
    }

    @Test
    void cancellingTheEpisodeSkipsReadsThatHaveNotStarted() throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FrameSource gated = (uri, max) -> {
            reads.computeIfAbsent(uri, u -> new AtomicInteger()).incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new FrameFailure(FrameFailure.Reason.UNREADABLE, "interrupted");
            }
            throw new FrameFailure(FrameFailure.Reason.MISSING, "nothing there");
        };
        try {
            var future = new EpisodeFraming(gated, FrameSettings.on(), ScopeRegions.NONE, one)
                    .frame("ep", new FramePlan(List.of(shot("file:///first.png"), shot("file:///second.png"))));
            started.await(10, TimeUnit.SECONDS);
            future.cancel(false); // the stage's timeout
            release.countDown();
            one.shutdown();
            assertTrue(one.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(1, reads.get("file:///first.png").get());
            assertNull(reads.get("file:///second.png"), "the queued read never reached the store");
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void failedAllCountsOnlyPlannedSteps() {
        FramePlan plan = new FramePlan(Arrays.asList(shot("a"), null, shot("b")));
        EpisodeFrames f = EpisodeFraming.failedAll(plan, FrameFailure.Reason.TIMEOUT);
        assertEquals(Arrays.asList(null, null, null), f.stepFrameIds());
        assertEquals(Map.of("timeout", 2L), f.failures());
    }
}
