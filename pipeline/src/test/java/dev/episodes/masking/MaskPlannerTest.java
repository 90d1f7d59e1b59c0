package dev.episodes.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.frames.FramePlan;
import dev.episodes.frames.MaskKinds;
import dev.episodes.frames.MaskRect;
import dev.episodes.frames.ShotRequest;
import dev.episodes.pairing.UiContext;
import dev.episodes.redaction.Redaction;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskPlannerTest {
    private static final long MIN = 60_000_000L;

    static UiContext ctx(String app, String url, String role, String name, boolean secure, Integer x, Integer y,
            Integer w, Integer h, String shot) {
        return new UiContext(app, "title", url, role, name, shot, 1920, 1080, secure, x, y, w, h);
    }

    static Step click(long ts, UiContext c) {
        return new Step(Action.CLICK, ts, ts, 5, 5, null, null, null, null, null, null, c, List.of(), List.of("e"), 0);
    }

    static Step type(long ts, UiContext c, String text, Redaction... marks) {
        return new Step(Action.TYPE, ts, ts + 1, null, null, null, null, null, null, text, null, c, List.of(marks),
                List.of("e"), 0);
    }

    static final UiContext LOGIN_USER = ctx("Chrome", "https://bank.example/login?next=1", "textbox", "User", false,
            100, 100, 300, 30, "file:///s/1.png");
    static final UiContext LOGIN_PASSWORD = ctx("Chrome", "https://bank.example/login?next=2", "textbox", "Password",
            true, 100, 150, 300, 30, "file:///s/2.png");
    static final UiContext OTHER = ctx("Chrome", "https://news.example/", "document", "News", false, 0, 80, 1920,
            1000, "file:///s/3.png");
    static final UiContext FORM = ctx("Mail", "https://mail.example/compose", "textbox", "To", false, 10, 20, 500, 40,
            "file:///s/4.png");
    static final UiContext FORM_BODY = ctx("Mail", "https://mail.example/compose#body", "textbox", "Body", false, 10,
            80, 500, 400, "file:///s/5.png");

    @Test
    void aSecureFieldIsMaskedOnEveryFrameOfItsWindowEvenBeforeItWasFocused() {
        FramePlan plan = new MaskPlanner().plan(List.of(click(1, LOGIN_USER), click(2, LOGIN_PASSWORD),
                type(3, LOGIN_PASSWORD, "[PASSWORD]", new Redaction("text", "PASSWORD", "secure-field")),
                click(4, OTHER), click(5, LOGIN_USER)));
        MaskRect field = new MaskRect(100, 150, 300, 30, MaskKinds.SECURE_FIELD);
        assertTrue(plan.steps().get(0).masks().contains(field), "on screen before it was focused");
        assertTrue(plan.steps().get(1).masks().contains(field));
        assertTrue(plan.steps().get(2).masks().contains(field));
        assertTrue(plan.steps().get(3).masks().contains(field),
                "another window in front: the screenshot still shows the whole screen, the sign-in window too");
        assertTrue(plan.steps().get(4).masks().contains(field), "back in the window: still there");
        assertEquals("file:///s/1.png", plan.steps().get(0).uri(), "the recorder's URI, as sent");
    }

    @Test
    void aSecretTypedInAFormMasksEveryTextFieldOfTheFormItsKeysMayHaveLandedIn() {
        // The sign-in the recorder reported late: the email's keys were claimed by the password visit, and the
        // click on the email field comes after it in the episode.
        UiContext page = ctx("Chrome", "https://bank.example/login", "document", "Sign in", false, 0, 80, 1920,
                1000, "file:///s/p.png");
        UiContext email = ctx("Chrome", "https://bank.example/login", "textbox", "Email", false, 100, 100, 300, 30,
                "file:///s/e.png");
        FramePlan plan = new MaskPlanner().plan(List.of(click(1, page),
                type(2, LOGIN_PASSWORD, "[PASSWORD]", new Redaction("text", "PASSWORD", "secure-field")),
                click(2, email)));
        MaskRect emailField = new MaskRect(100, 100, 300, 30, MaskKinds.TYPED_SECRET);
        for (ShotRequest s : plan.steps()) {
            assertTrue(s.masks().contains(emailField), s.toString());
            assertTrue(s.masks().stream().noneMatch(m -> m.w() == 1920), "not the whole page: " + s.masks());
        }
    }

    @Test
    void aSecretTypedWhereNoOtherFieldIsKnownMasksTheWholeScreenOfThatWindow() {
        UiContext page = ctx("Chrome", "https://bank.example/login", "document", "Sign in", false, 0, 80, 1920,
                1000, "file:///s/p.png");
        FramePlan plan = new MaskPlanner().plan(List.of(click(1, page),
                type(2, LOGIN_PASSWORD, "[PASSWORD]", new Redaction("text", "PASSWORD", "secure-field")),
                click(3, OTHER)));
        MaskRect whole = new MaskRect(0, 0, MaskRect.WHOLE, MaskRect.WHOLE, MaskKinds.SECURE_FIELD);
        assertTrue(plan.steps().get(0).masks().contains(whole));
        assertTrue(plan.steps().get(1).masks().contains(whole));
        assertEquals(List.of(new MaskRect(100, 150, 300, 30, MaskKinds.SECURE_FIELD)), plan.steps().get(2).masks(),
                "another window: the whole-screen mask is the sign-in window's alone; the field it knows stays masked");
    }

    @Test
    void aFieldRedactedTextWasTypedIntoIsMaskedFromTheTypingOnInThatWindowAndUrl() {
        FramePlan plan = new MaskPlanner().plan(List.of(click(1, FORM_BODY), click(2, FORM),
                type(3, FORM, "[EMAIL]", new Redaction("text", "EMAIL", "email")), click(4, FORM_BODY),
                click(5, OTHER)));
        MaskRect field = new MaskRect(10, 20, 500, 40, MaskKinds.TYPED_SECRET);
        assertEquals(List.of(field), plan.steps().get(0).masks(),
                "before the typing, but the same screenshot as step 3's: one image gets every mask it needs");
        assertEquals(List.of(field), plan.steps().get(1).masks(),
                "the typing step's own screenshot, used by the click before it too: one image, every mask it needs");
        assertEquals(List.of(field), plan.steps().get(2).masks(), "its own frame: the field may hold pasted text");
        assertEquals(List.of(field), plan.steps().get(3).masks(), "same window, another fragment: on screen");
        assertEquals(List.of(field), plan.steps().get(4).masks(), "another window in front: still on the screen");
    }

    @Test
    void plainTypingMasksNothing() {
        FramePlan plan = new MaskPlanner().plan(List.of(type(1, FORM, "hello"), click(2, FORM)));
        assertEquals(List.of(), plan.steps().get(1).masks());
    }

    @Test
    void anElementWhoseNameWasRedactedIsMasked() {
        UiContext named = ctx("Slack", null, "listitem", "[EMAIL]", false, 5, 6, 7, 8, "file:///s/6.png");
        Step s = new Step(Action.CLICK, 1, 1, 5, 5, null, null, null, null, null, null, named,
                List.of(new Redaction("element_name", "EMAIL", "email")), List.of("e"), 0);
        assertEquals(List.of(new MaskRect(5, 6, 7, 8, MaskKinds.REDACTED_NAME)),
                new MaskPlanner().plan(List.of(s)).steps().get(0).masks());
    }

    @Test
    void aRedactedTitleOrUrlMasksTheWholeFrameOnlyWhileItShows() {
        UiContext titled = ctx("Outlook", "https://mail.example/", "document", "Inbox", false, 0, 80, 1920, 1000,
                "file:///s/9.png");
        Step inbox = new Step(Action.CLICK, 1, 1, 5, 5, null, null, null, null, null, null, titled,
                List.of(new Redaction("window_title", "EMAIL", "email")), List.of("e"), 0);
        Step later = click(2, OTHER);
        FramePlan plan = new MaskPlanner().plan(List.of(inbox, later));
        assertEquals(List.of(new MaskRect(0, 0, MaskRect.WHOLE, MaskRect.WHOLE, MaskKinds.REDACTED_CONTEXT)), plan.steps().get(0).masks());
        assertEquals(List.of(), plan.steps().get(1).masks(), "another title, nothing remembered: nothing to hide");
        Step urlToken = new Step(Action.CLICK, 3, 3, 5, 5, null, null, null, null, null, null, OTHER,
                List.of(new Redaction("url", "SECRET", "url-query-token")), List.of("e"), 0);
        assertEquals(MaskKinds.REDACTED_CONTEXT, new MaskPlanner().plan(List.of(urlToken)).steps().get(0).masks().get(0).kind());
    }

    @Test
    void unknownBoundsMaskTheWholeScreen() {
        UiContext noBounds = ctx("Terminal", null, "terminal", "bash", true, null, null, null, null, "file:///s/7.png");
        assertEquals(List.of(new MaskRect(0, 0, MaskRect.WHOLE, MaskRect.WHOLE, MaskKinds.SECURE_FIELD)),
                new MaskPlanner().plan(List.of(click(1, noBounds))).steps().get(0).masks());
        UiContext empty = ctx("Terminal", null, "terminal", "bash", true, 10, 10, 0, 30, "file:///s/7.png");
        assertEquals(new MaskRect(0, 0, MaskRect.WHOLE, MaskRect.WHOLE, MaskKinds.SECURE_FIELD),
                new MaskPlanner().plan(List.of(click(1, empty))).steps().get(0).masks().get(0));
        UiContext noScreen = new UiContext("T", null, null, "terminal", "bash", "file:///s/8.png", null, null, true,
                null, null, null, null);
        assertEquals(new MaskRect(0, 0, MaskRect.WHOLE, MaskRect.WHOLE, MaskKinds.SECURE_FIELD),
                new MaskPlanner().plan(List.of(click(1, noScreen))).steps().get(0).masks().get(0));
    }

    @Test
    void stepsWithoutAScreenshotHaveNoShotButStillTeachTheMemory() {
        UiContext blind = ctx("Mail", "https://mail.example/compose", "textbox", "To", false, 10, 20, 500, 40, null);
        MaskPlanner planner = new MaskPlanner();
        FramePlan plan = planner.plan(List.of(type(1, blind, "[EMAIL]", new Redaction("text", "EMAIL", "email")),
                click(2, FORM)));
        assertNull(plan.steps().get(0));
        assertEquals(1, plan.steps().get(1).masks().size());
    }

    @Test
    void theMemoryOutlivesTheEpisodeAndASaveAndRestore() throws IOException {
        MaskPlanner planner = new MaskPlanner();
        planner.plan(List.of(type(1, FORM, "[EMAIL]", new Redaction("text", "EMAIL", "email"))));
        MaskPlanner restored = roundTrip(planner);
        FramePlan next = restored.plan(List.of(click(40 * MIN, FORM_BODY)));
        assertEquals(List.of(new MaskRect(10, 20, 500, 40, MaskKinds.TYPED_SECRET)), next.steps().get(0).masks());
        FramePlan dayLater = restored.plan(List.of(click(40 * MIN + 25 * 60 * MIN, FORM_BODY)));
        assertEquals(List.of(), dayLater.steps().get(0).masks(), "forgotten a day after the window was last in front");
    }

    @Test
    void theMemoryIsBounded() {
        MaskPlanner planner = new MaskPlanner();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < MaskPlanner.WINDOWS + 10; i++) {
            UiContext c = ctx("App" + i, null, "textbox", "f", true, 1, 1, 10, 10, "file:///s/" + i + ".png");
            steps.add(click(i, c));
        }
        planner.plan(steps);
        assertEquals(MaskPlanner.WINDOWS, planner.windowCount());
        List<Step> many = new ArrayList<>();
        for (int i = 0; i < MaskPlanner.RECTS + 1; i++) {
            UiContext c = ctx("Editor", null, "textbox", "f" + i, false, i * 20, 5, 10, 10, "file:///s/e.png");
            many.add(type(1000 + i, c, "[SECRET]", new Redaction("text", "SECRET", "api-key")));
        }
        FramePlan plan = planner.plan(many);
        List<MaskRect> last = plan.steps().get(plan.steps().size() - 1).masks();
        assertEquals(List.of(new MaskRect(0, 0, MaskRect.WHOLE, MaskRect.WHOLE, MaskKinds.TYPED_SECRET)), last,
                "too many rectangles in one window collapse into the whole screen, never fewer masks");
    }

    /** Random episodes: every later frame of a window a secret was typed in masks that field, across episodes. */
    @Test
    void propertyEveryTypedSecretStaysMaskedInItsWindow() throws IOException {
        Random rnd = new Random(42);
        for (int run = 0; run < 300; run++) {
            MaskPlanner planner = new MaskPlanner();
            List<MaskRect> typed = new ArrayList<>();
            String[] apps = {"A", "B", "C"};
            long ts = 0;
            for (int episode = 0; episode < 3; episode++) {
                List<Step> steps = new ArrayList<>();
                List<String> appOf = new ArrayList<>();
                for (int i = 0; i < 1 + rnd.nextInt(20); i++) {
                    String app = apps[rnd.nextInt(apps.length)];
                    int x = rnd.nextInt(1900); // negative ones mask the whole screen of their episode only
                    UiContext c = ctx(app, "https://x.example/" + app, "textbox", "f", false, x, rnd.nextInt(1000),
                            1 + rnd.nextInt(300), 1 + rnd.nextInt(50), rnd.nextInt(5) == 0 ? null : "file:///s.png");
                    ts += rnd.nextInt(1000);
                    steps.add(rnd.nextInt(3) == 0
                            ? type(ts, c, "[CREDIT_CARD]", new Redaction("text", "CREDIT_CARD", "luhn"))
                            : click(ts, c));
                    appOf.add(app);
                }
                FramePlan plan = planner.plan(steps);
                for (int i = 0; i < steps.size(); i++) {
                    Step s = steps.get(i);
                    UiContext c = s.context();
                    if (s.action() == Action.TYPE) {
                        typed.add(new MaskRect(c.elementX(), c.elementY(), c.elementW(), c.elementH(), appOf.get(i)));
                    }
                    ShotRequest shot = plan.steps().get(i);
                    if (c.screenshotRef() == null) {
                        assertNull(shot);
                        continue;
                    }
                    for (MaskRect t : typed) {
                        if (t.kind().equals(appOf.get(i))) {
                            MaskRect want = new MaskRect(t.x(), t.y(), t.w(), t.h(), MaskKinds.TYPED_SECRET);
                            boolean covered = shot.masks().contains(want) || shot.masks().stream().anyMatch(MaskRect::isWhole);
                            assertTrue(covered, "run " + run + ": " + want + " not in " + shot.masks());
                        }
                    }
                }
                planner = roundTrip(planner);
            }
        }
    }

    private static MaskPlanner roundTrip(MaskPlanner p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.writeTo(new DataOutputStream(bytes));
        MaskPlanner q = new MaskPlanner();
        q.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return q;
    }
}
