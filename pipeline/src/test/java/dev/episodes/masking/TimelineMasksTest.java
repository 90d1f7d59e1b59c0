package dev.episodes.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.frames.FramePlan;
import dev.episodes.frames.MaskKinds;
import dev.episodes.frames.MaskRect;
import dev.episodes.frames.ShotRequest;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.testing.Desk;
import dev.episodes.testing.Timeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan as the whole device timeline makes it: reduction, redaction, then masks, from raw events. */
class TimelineMasksTest {

    @Test
    void anEmailTypedIntoAFieldMasksItOnTheNextFrameOfTheWindow() {
        List<dev.episodes.event.RawEvent> events = Desk.start()
                .focus("Thunderbird", "Write: (no subject)", "https://mail.example/compose", "textbox", "To", false, 400, 300)
                .type("jane.doe@example.org")
                .focus("Thunderbird", "Write: (no subject)", "https://mail.example/compose", "textbox", "Subject", false,
                        400, 360)
                .type("lunch")
                .events();
        Timeline t = Timeline.run(events, RedactionPolicy.DEFAULT, true);
        assertEquals(1, t.episodes.size());
        Episode e = t.episodes.get(0);
        FramePlan plan = e.plan();
        int email = indexOf(e, "[EMAIL]");
        int lunch = indexOf(e, "lunch");
        MaskRect to = new MaskRect(400, 300, 320, 36, MaskKinds.TYPED_SECRET);
        assertTrue(plan.steps().get(email).masks().contains(to), plan.steps().get(email).toString());
        assertTrue(plan.steps().get(lunch).masks().contains(to), "the address is on screen while the subject is typed");
        assertTrue(plan.steps().get(lunch).uri().startsWith("s3://frames/"), "the recorder's URI, unredacted");
    }

    @Test
    void aPasswordFieldIsMaskedOnEveryFrameOfItsWindow() {
        List<dev.episodes.event.RawEvent> events = Desk.start()
                .focus("Firefox", "Sign in", "https://login.example/", "textbox", "Username", false, 500, 400)
                .type("jane")
                .focus("Firefox", "Sign in", "https://login.example/", "textbox", "Password", true, 500, 460)
                .type("hunter2!x")
                .enter()
                .events();
        Episode e = Timeline.run(events, RedactionPolicy.DEFAULT, true).episodes.get(0);
        MaskRect password = new MaskRect(500, 460, 320, 36, MaskKinds.SECURE_FIELD);
        for (int i = 0; i < e.steps().size(); i++) {
            ShotRequest shot = e.plan().steps().get(i);
            // Here the username's keys came just before the password focus: the secure visit claimed them, so the
            // field they landed in is not known and the whole screen is masked; either way the field is covered.
            assertTrue(shot.masks().stream().anyMatch(m -> m.x() <= 500 && m.y() <= 460 && m.x() + m.w() >= 820
                    && m.y() + m.h() >= 496), "step " + i + " " + e.steps().get(i).action() + " " + shot.masks());
        }
    }

    @Test
    void framesOffMeansNoPlan() {
        List<dev.episodes.event.RawEvent> events = Desk.start()
                .focus("Editor", "a.txt", null, "textbox", "Body", false, 1, 1).type("hello").events();
        assertNull(Timeline.run(events, RedactionPolicy.DEFAULT, false).episodes.get(0).plan());
    }

    private static int indexOf(Episode e, String text) {
        List<Step> steps = e.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).action() == Action.TYPE && text.equals(steps.get(i).text())) {
                return i;
            }
        }
        throw new AssertionError("no type step with " + text + " in " + steps.stream().map(Step::text).toList());
    }
}
