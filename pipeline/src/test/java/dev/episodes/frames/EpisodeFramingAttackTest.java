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
     * A recorder that reuses one URI (a "latest.png" it overwrites) for two context events of an episode:
     * the pipeline reads the URI once and stores it twice, once with the typed secret's mask and once
     * without, so the region it knows holds the secret is in the clear in the other frame. The same happens
     * with unique URIs: a click and then a redacted type step in one context share its screenshot, the plan
     * masks the field on the type step's frame because "the field may already hold pasted text", and the
     * click's frame of the very same screenshot stores it unmasked. Every frame of one screenshot should
     * carry the union of the masks planned for it.
     */
    @Test
    void oneScreenshotUsedByTwoStepsIsNeverStoredWithoutAMaskEitherOfThemNeeds() throws Exception {
        java.awt.image.BufferedImage img = TestImages.noise(64, 40, 3);
        byte[] bytes = TestImages.encode(img, "png");
        FrameSource store = (uri, max) -> bytes;
        MaskRect secret = new MaskRect(10, 10, 20, 8, MaskKinds.TYPED_SECRET);
        EpisodeFraming framing = new EpisodeFraming(store, FrameSettings.on(), ScopeRegions.NONE, pool);
        EpisodeFrames frames = framing.frame("ep", new FramePlan(List.of(
                new ShotRequest("s3://rec/latest.png", 64, 40, "A", List.of()),
                new ShotRequest("s3://rec/latest.png", 64, 40, "A", List.of(secret))))).get(10, TimeUnit.SECONDS);
        for (StoredFrame f : frames.frames()) {
            java.awt.image.BufferedImage out = TestImages.decode(f.image());
            int clear = 0;
            for (int y = 10; y < 18; y++) {
                for (int x = 10; x < 30; x++) {
                    clear += (out.getRGB(x, y) & 0xffffff) == 0 ? 0 : 1;
                }
            }
            assertEquals(0, clear, "frame " + f.frameId() + " with masks " + f.masks() + " shows the secret's region");
        }
    }
}
