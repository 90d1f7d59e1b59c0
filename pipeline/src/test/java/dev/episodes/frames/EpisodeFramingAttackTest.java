package dev.episodes.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Red team: a store whose read ignores interrupts (a socket read without a timeout, a blocking open). */
class EpisodeFramingAttackTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        pool.shutdownNow();
    }

    /**
     * The read timeout only interrupts the reader; a read that does not answer interrupts keeps the episode's
     * future open until the stage's 60 s backstop, which then fails every step as timeout, the good
     * screenshot's too. The hung URI should fail as timeout at the read timeout, the rest of the episode
     * should get its frames.
     */
    @Test
    void aReadThatIgnoresInterruptsFailsAtTheReadTimeoutAndTheRestOfTheEpisodeIsFramed() throws Exception {
        byte[] good = TestImages.encode(TestImages.screen(64, 40, 1), "png");
        FrameSource store = (uri, max) -> {
            if (uri.endsWith("hung.png")) {
                boolean interrupted = false;
                while (true) {
                    try {
                        never.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // as a blocking socket read or open(2) would: keep waiting
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return good;
        };
        FrameSettings settings = FrameSettings.on().withReads(Duration.ofMillis(200), 2);
        EpisodeFraming framing = new EpisodeFraming(store, settings, ScopeRegions.NONE, pool);
        CompletableFuture<EpisodeFrames> f = framing.frame("ep", new FramePlan(List.of(
                new ShotRequest("s3://b/hung.png", 64, 40, "A", List.of()),
                new ShotRequest("s3://b/good.png", 64, 40, "A", List.of()))));
        EpisodeFrames frames;
        try {
            frames = f.get(3, TimeUnit.SECONDS);
        } catch (TimeoutException held) {
            throw new AssertionError("a read that ignores interrupts held the episode past 3 s with a 200 ms read "
                    + "timeout (the stage then fails all of it as timeout after 60 s)");
        }
        assertEquals(Map.of("timeout", 1L), frames.failures());
        assertNotNull(frames.stepFrameIds().get(1));
    }
}
