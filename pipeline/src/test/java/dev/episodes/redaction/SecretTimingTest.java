package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.reduction.Step;
import dev.episodes.testing.Desk;
import dev.episodes.testing.Timeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13, item 10: no column, and no difference of columns of neighbouring steps, tells how long a secret took. */
class SecretTimingTest {

    private static Timeline login(String secret, long pauseAfterMs) {
        return Timeline.run(Desk.start()
                .focus("Google Chrome", "Sign in", "https://id.example/", "textbox", "Email", false, 100, 100)
                .type("hello").pause(4_000).click(100, 160)
                .focus("Google Chrome", "Sign in", "https://id.example/", "textbox", "Password", true, 100, 160)
                .pause(200).type(secret).pause(pauseAfterMs)
                .click(100, 220).pause(1_500).click(300, 300).pause(700).type("ok").events());
    }

    /** Each step's time relative to the episode's first step: the only timing a reader sees. */
    private static List<Long> relative(Timeline t) {
        List<Step> steps = t.steps();
        List<Long> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(s.tsUs() - steps.get(0).tsUs());
            out.add(s.endTsUs() - steps.get(0).tsUs());
        }
        return out;
    }

    @Test
    void fourCharactersAndTwentySevenTakeTheSameTimeAndTheStepsAfterKeepTheirSpacing() {
        Timeline shortOne = login("Pw4!", 300);
        Timeline longOne = login("correct-horse-battery-st4pl", 300);
        assertEquals(relative(shortOne), relative(longOne));
        List<Step> steps = longOne.steps();
        int pw = steps.indexOf(steps.stream().filter(SecretTiming::isSecret).findFirst().orElseThrow());
        assertEquals(steps.get(pw).tsUs(), steps.get(pw).endTsUs());
        assertEquals(steps.get(pw).tsUs(), steps.get(pw + 1).tsUs(), "the next step starts where the secret did");
        assertEquals(2_100_000L, steps.get(pw + 2).tsUs() - steps.get(pw + 1).tsUs(), "later gaps stay as they were");
    }

    @Test
    void thePauseAfterTheSecretDoesNotShowEither() {
        assertEquals(relative(login("Pw4!", 200)), relative(login("Pw4!", 2_900)));
    }

    @Test
    void stepsBeforeTheSecretAndEpisodesWithoutOneAreUntouched() {
        Timeline t = login("Pw4!", 300);
        Timeline none = Timeline.run(Desk.start()
                .focus("Slack", "#t", null, "textbox", "Message", false, 1, 1).type("hi").pause(900).click(5, 5).events());
        assertEquals(none.steps(), SecretTiming.collapse(none.steps()));
        Step first = t.steps().get(0);
        assertEquals(dev.episodes.testing.Events.us(20), first.tsUs());
    }
}
