package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.inspect.EpisodeRow;
import dev.episodes.inspect.FrameRow;
import dev.episodes.inspect.StepRow;
import dev.episodes.testing.FramesDatasets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Red team: an episode of 100,000 steps (a recorder left running, or an attacker's). How long does the
 * page take to render and how big is it? Each case must render within a few seconds; the figures are
 * printed for the report.
 */
class HugeEpisodePageTest {
    static final int STEPS = 100_000;
    static final long T0 = EpisodeHtmlTest.T0;

    static StepRow click(int i, String frameId) {
        return new StepRow(i, T0 + i * 1_000L, T0 + i * 1_000L, "click", 100 + i % 1000, 200, null, null, null, null,
                null, null, "Chrome", "Inbox", "https://mail.example/", "button", "Send", null, 1280, 720, List.of(),
                frameId);
    }

    static EpisodePage page(IntFunction<StepRow> step, Map<String, FrameRow> frames) {
        List<StepRow> steps = new ArrayList<>(STEPS);
        for (int i = 0; i < STEPS; i++) {
            steps.add(step.apply(i));
        }
        EpisodeRow e = new EpisodeRow("huge", "u", "d", T0, T0 + (STEPS - 1) * 1_000L, STEPS, List.of("Chrome"), 0,
                "steps/x.parquet", "train");
        return new EpisodePage("dt=2025-11-29", e, steps, List.of(), frames);
    }

    static String timed(String what, EpisodePage page) {
        long t = System.nanoTime();
        String html = EpisodeHtml.render(page);
        System.out.printf("[redteam] %s: %,d steps rendered in %,d ms, %,d chars%n", what, STEPS,
                (System.nanoTime() - t) / 1_000_000, html.length());
        return html;
    }

    @Test
    void hundredThousandStepsWithoutFramesRenderInSeconds() {
        EpisodePage page = page(i -> click(i, null), Map.of());
        String html = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> timed("no frames", page));
        // the figure for the report: about 1.25 KB of HTML per step without frames
        System.out.printf("[redteam] %,d bytes per step%n", html.length() / STEPS);
        assertEquals(STEPS, html.split("<section class=\"step", -1).length - 1);
    }

    /**
     * Render time must grow with the steps, not with their square: a page of 20,000 steps may take at most
     * 8 times one of 5,000 (linear is 4; quadratic 16). Frame look-ups are by list (EpisodePage.missingFrames
     * does {@code out.contains} per step and is called several times; EpisodePage.number walks every frame per
     * step), so 100,000 steps would take minutes.
     */
    static void linear(String what, IntFunction<String> frameOf, IntFunction<Map<String, FrameRow>> framesFor) {
        render(5_000, frameOf, framesFor); // warm-up
        // The best of a few runs of each: one run can lose a core to another test JVM or a GC pause.
        long small = Math.min(render(5_000, frameOf, framesFor), Math.min(render(5_000, frameOf, framesFor),
                render(5_000, frameOf, framesFor)));
        long big = Math.min(render(20_000, frameOf, framesFor), render(20_000, frameOf, framesFor));
        System.out.printf("[redteam] %s: 5,000 steps %,d ms, 20,000 steps %,d ms (x%.1f)%n", what, small / 1_000_000,
                big / 1_000_000, (double) big / small);
        assertTrue(big < 8 * small, what + ": 4 times the steps took " + (double) big / small + " times as long ("
                + small / 1_000_000 + " ms -> " + big / 1_000_000 + " ms): quadratic in the steps");
    }

    static long render(int n, IntFunction<String> frameOf, IntFunction<Map<String, FrameRow>> framesFor) {
        List<StepRow> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(click(i, frameOf.apply(i)));
        }
        EpisodeRow e = new EpisodeRow("huge", "u", "d", T0, T0 + (n - 1) * 1_000L, n, List.of("Chrome"), 0,
                "steps/x.parquet", "train");
        EpisodePage page = new EpisodePage("dt=2025-11-29", e, steps, List.of(), framesFor.apply(n));
        long t = System.nanoTime();
        String html = EpisodeHtml.render(page);
        long took = System.nanoTime() - t;
        assertEquals(n, html.split("<section class=\"step", -1).length - 1);
        return took;
    }

    @Test
    void stepsEachNamingAMissingFrameRenderInLinearTime() {
        // every step names a frame the frames table does not hold (the frames file lost, or a hostile steps file)
        linear("a missing frame per step", i -> "missing-frame-" + i, n -> Map.of());
    }

    @Test
    void stepsEachWithItsOwnFrameRenderInLinearTime() {
        byte[] png = FramesDatasets.png(0);
        // ids as the pipeline makes them: 32 hex characters each
        linear("a frame per step", HugeEpisodePageTest::frameId, n -> {
            Map<String, FrameRow> frames = new HashMap<>();
            for (int i = 0; i < n; i++) {
                frames.put(frameId(i), new FrameRow(frameId(i), 64, 40, png, List.of()));
            }
            return frames;
        });
    }

    static String frameId(int i) {
        return dev.episodes.frames.EpisodeFraming.frameId("huge", Integer.toString(i).getBytes());
    }

    @Test
    void stepsWithoutFramesRenderInLinearTime() {
        linear("no frames", i -> null, n -> Map.of());
    }
}
