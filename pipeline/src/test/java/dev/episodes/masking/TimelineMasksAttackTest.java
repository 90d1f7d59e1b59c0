package dev.episodes.masking;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.frames.MaskRect;
import dev.episodes.frames.ShotRequest;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.testing.Desk;
import dev.episodes.testing.Timeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Red-team attacks from raw events through the whole device timeline (reduction, redaction, masks). */
class TimelineMasksAttackTest {

    private static boolean covers(List<MaskRect> masks, int x, int y, int w, int h) {
        return masks.stream().anyMatch(m -> m.x() <= x && m.y() <= y && (long) m.x() + m.w() >= x + w
                && (long) m.y() + m.h() >= y + h);
    }

    /**
     * An email typed into one field in two visits ("jane.doe" then, after a look at another field,
     * "@example.org"): each typing step's text is only its own keys, neither is an email, nothing is
     * redacted and nothing is masked, while the field shows jane.doe@example.org. The step texts
     * themselves also hold the address in two halves (a redaction gap, not only a masking one).
     */
    @Test
    void anEmailTypedIntoOneFieldInTwoVisitsIsMaskedOnceTheFieldHoldsIt() {
        List<dev.episodes.event.RawEvent> events = Desk.start()
                .focus("Thunderbird", "Write", "https://mail.example/compose", "textbox", "To", false, 400, 300)
                .type("jane.doe")
                .focus("Thunderbird", "Write", "https://mail.example/compose", "textbox", "Subject", false, 400, 360)
                .type("lunch")
                .focus("Thunderbird", "Write", "https://mail.example/compose", "textbox", "To", false, 400, 300)
                .type("@example.org")
                .focus("Thunderbird", "Write", "https://mail.example/compose", "textbox", "Subject", false, 400, 360)
                .type(" today")
                .events();
        Episode e = Timeline.run(events, RedactionPolicy.DEFAULT, true).episodes.get(0);
        List<String> texts = new ArrayList<>();
        for (Step s : e.steps()) {
            texts.add(s.text());
        }
        ShotRequest last = e.plan().steps().get(e.steps().size() - 1);
        assertTrue(covers(last.masks(), 400, 300, 320, 36), "the To field holds jane.doe@example.org, unmasked: "
                + last.masks() + " texts " + texts);
    }
}
