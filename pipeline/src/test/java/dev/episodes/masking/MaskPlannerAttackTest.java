package dev.episodes.masking;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.frames.FramePlan;
import dev.episodes.frames.MaskRect;
import dev.episodes.frames.ShotRequest;
import dev.episodes.pairing.UiContext;
import dev.episodes.redaction.Redaction;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Red-team attacks on the mask plan: input the generator never produces, where a secret the pipeline
 * knows about is still on screen in a later frame and no planned rectangle covers it.
 */
class MaskPlannerAttackTest {
    private static final long MIN = 60_000_000L;
    private static final Redaction EMAIL = new Redaction("text", "EMAIL", "email");

    private static UiContext ctx(String app, String url, String role, String name, boolean secure, Integer x,
            Integer y, Integer w, Integer h, int screenW, int screenH, String shot) {
        return new UiContext(app, "title", url, role, name, shot, screenW, screenH, secure, x, y, w, h);
    }

    private static Step click(long ts, UiContext c) {
        return new Step(Action.CLICK, ts, ts, 5, 5, null, null, null, null, null, null, c, List.of(), List.of("e"), 0);
    }

    private static Step type(long ts, UiContext c, String text, Redaction... marks) {
        return new Step(Action.TYPE, ts, ts + 1, null, null, null, null, null, null, text, null, c, List.of(marks),
                List.of("e"), 0);
    }

    /** Whether the union of {@code masks} covers every pixel of {@code r} (checked per pixel: rects are small). */
    private static boolean covered(List<MaskRect> masks, int x, int y, int w, int h) {
        for (int py = y; py < y + h; py++) {
            for (int px = x; px < x + w; px++) {
                boolean in = false;
                for (MaskRect m : masks) {
                    if (px >= m.x() && px < m.x() + m.w() && py >= m.y() && py < m.y() + m.h()) {
                        in = true;
                        break;
                    }
                }
                if (!in) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Tiled windows: an email typed into Mail's "To" field (left half), then a click into a terminal on the
     * right half. The screenshot is of the whole screen: the Mail window and the typed email are still there,
     * but masks are applied only for the window in front.
     */
    @Test
    void aSecretTypedInAWindowBesideTheOneInFrontIsStillOnTheScreenshot() {
        UiContext to = ctx("Mail", "https://mail.example/compose", "textbox", "To", false, 10, 100, 500, 30, 1920,
                1080, "file:///s/1.png");
        UiContext terminal = ctx("Terminal", null, "terminal", "zsh", false, 960, 0, 960, 1080, 1920, 1080,
                "file:///s/2.png");
        FramePlan plan = new MaskPlanner().plan(List.of(click(1, to), type(2, to, "[EMAIL]", EMAIL),
                click(3 * MIN, terminal)));
        ShotRequest terminalFrame = plan.steps().get(2);
        assertTrue(covered(terminalFrame.masks(), 10, 100, 500, 30),
                "the typed email beside the terminal is unmasked: " + terminalFrame.masks());
    }

    /**
     * A single-page app changes its path as the user types (a draft gets an id): the field and the email in
     * it stay, the window key (app + URL without query) changes, the mask is gone.
     */
    @Test
    void aPathOnlyUrlChangeOfASinglePageAppKeepsTheTypedFieldMasked() {
        UiContext compose = ctx("Chrome", "https://mail.example/compose", "textbox", "To", false, 10, 100, 500, 30,
                1920, 1080, "file:///s/1.png");
        UiContext draft = ctx("Chrome", "https://mail.example/compose/draft/81", "textbox", "To", false, 10, 100,
                500, 30, 1920, 1080, "file:///s/2.png");
        FramePlan plan = new MaskPlanner().plan(List.of(type(1, compose, "[EMAIL]", EMAIL), click(2, draft)));
        assertTrue(covered(plan.steps().get(1).masks(), 10, 100, 500, 30),
                "same field, same text, new path: unmasked: " + plan.steps().get(1).masks());
    }

    /**
     * The memory keeps 32 windows with masks. An email typed in a long-lived compose window, then 32 sign-in
     * pages visited (each with a secure field): the compose window is evicted, and back in front its field
     * still holds the email, unmasked.
     */
    @Test
    void aWindowPushedOutOfTheBoundedMemoryStillHasItsSecretOnScreen() {
        MaskPlanner planner = new MaskPlanner();
        UiContext compose = ctx("Mail", "https://mail.example/compose", "textbox", "To", false, 10, 100, 500, 30,
                1920, 1080, "file:///s/c.png");
        List<Step> steps = new ArrayList<>();
        steps.add(type(1, compose, "[EMAIL]", EMAIL));
        for (int i = 0; i < MaskPlanner.WINDOWS; i++) {
            steps.add(click(MIN + i, ctx("Chrome", "https://site" + i + ".example/login", "textbox", "Password",
                    true, 100, 150, 300, 30, 1920, 1080, "file:///s/" + i + ".png")));
        }
        steps.add(click(2 * MIN, compose));
        FramePlan plan = planner.plan(steps);
        ShotRequest back = plan.steps().get(plan.steps().size() - 1);
        assertTrue(covered(back.masks(), 10, 100, 500, 30), "evicted, then unmasked: " + back.masks());
    }

    /** An unsent draft left open over a weekend: the window is forgotten a day after it was last in front. */
    @Test
    void aSecretStillInItsFieldMoreThanADayLaterIsStillMasked() {
        MaskPlanner planner = new MaskPlanner();
        UiContext compose = ctx("Mail", "https://mail.example/compose", "textbox", "To", false, 10, 100, 500, 30,
                1920, 1080, "file:///s/c.png");
        planner.plan(List.of(type(1, compose, "[EMAIL]", EMAIL)));
        ShotRequest monday = planner.plan(List.of(click(3 * 24 * 60 * MIN, compose))).steps().get(0);
        assertTrue(covered(monday.masks(), 10, 100, 500, 30), "forgotten after a day: " + monday.masks());
    }
}
