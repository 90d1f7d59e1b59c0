package dev.episodes.reduction;

import static dev.episodes.event.MouseEvent.Button.LEFT;
import static dev.episodes.event.MouseEvent.Button.MIDDLE;
import static dev.episodes.event.MouseEvent.Button.RIGHT;
import static dev.episodes.testing.Events.script;
import static dev.episodes.testing.Events.us;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.Modifiers;
import dev.episodes.event.RawEvent;
import dev.episodes.testing.Events;
import dev.episodes.testing.Reduce;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionReducerTest {

    private static List<String> actions(List<Step> steps) {
        return steps.stream().map(s -> s.action().wire()).toList();
    }

    @Test
    void pressAndReleaseInPlaceIsAClickAtThePress() {
        List<Step> steps = Reduce.steps(script().click(0, 512, 108).list());
        assertEquals(List.of("click"), actions(steps));
        Step click = steps.get(0);
        assertEquals(us(0), click.tsUs());
        assertEquals(us(80), click.endTsUs());
        assertEquals(512, click.x());
        assertEquals(108, click.y());
        assertEquals(List.of("e1", "e2"), click.eventIds());
    }

    @Test
    void rightAndMiddleButtonsHaveTheirOwnClicks() {
        List<Step> steps = Reduce.steps(script()
                .down(0, 5, 5, RIGHT).up(50, 5, 5, RIGHT)
                .down(2000, 5, 5, MIDDLE).up(2050, 5, 5, MIDDLE).list());
        assertEquals(List.of("right_click", "middle_click"), actions(steps));
    }

    @Test
    void releaseNineAndAHalfPixelsAwayIsStillAClickTenIsADrag() {
        List<Step> click = Reduce.steps(script().down(0, 100, 100, LEFT).up(80, 106, 107, LEFT).list()); // 9.2 px
        assertEquals(List.of("click"), actions(click));
        List<Step> drag = Reduce.steps(script().down(0, 100, 100, LEFT).move(40, 105, 100)
                .up(80, 110, 100, LEFT).list()); // 10 px
        assertEquals(List.of("drag"), actions(drag));
        Step d = drag.get(0);
        assertEquals(100, d.x());
        assertEquals(110, d.toX());
        assertEquals(100, d.toY());
        assertEquals(List.of("e1", "e3"), d.eventIds(), "moves are not part of a step");
    }

    @Test
    void secondAndThirdPressWithin500msAnd5pxMakeDoubleAndTripleClicks() {
        assertEquals(List.of("double_click"), actions(Reduce.steps(script().click(0, 50, 50).click(500, 53, 54).list())));
        assertEquals(List.of("triple_click"),
                actions(Reduce.steps(script().click(0, 50, 50).click(300, 50, 50).click(600, 51, 50).list())));
        Step dbl = Reduce.steps(script().click(0, 50, 50).click(200, 50, 50).list()).get(0);
        assertEquals(us(0), dbl.tsUs());
        assertEquals(us(280), dbl.endTsUs());
        assertEquals(4, dbl.eventIds().size());
    }

    @Test
    void aPressOneMillisecondTooLateOrSixPixelsAwayIsANewClick() {
        assertEquals(List.of("click", "click"), actions(Reduce.steps(script().click(0, 50, 50).click(501, 50, 50).list())));
        assertEquals(List.of("click", "click"), actions(Reduce.steps(script().click(0, 50, 50).click(100, 56, 50).list())));
        assertEquals(List.of("right_click", "right_click"), actions(Reduce.steps(script()
                .down(0, 5, 5, RIGHT).up(50, 5, 5, RIGHT).down(100, 5, 5, RIGHT).up(150, 5, 5, RIGHT).list())));
    }

    @Test
    void aFourthQuickClickStartsANewClick() {
        assertEquals(List.of("triple_click", "click"), actions(Reduce.steps(script()
                .click(0, 5, 5).click(200, 5, 5).click(400, 5, 5).click(600, 5, 5).list())));
    }

    @Test
    void wheelEventsAtMost500msApartAreOneScrollWithSummedDeltas() {
        List<Step> steps = Reduce.steps(script().wheel(0, 0, 100).wheel(300, 0, 100).wheel(800, 5, -40)
                .wheel(1301, 0, 100).list());
        assertEquals(List.of("scroll", "scroll"), actions(steps));
        assertEquals(5, steps.get(0).scrollDx());
        assertEquals(160, steps.get(0).scrollDy());
        assertEquals(us(800), steps.get(0).endTsUs());
        assertEquals(100, steps.get(1).scrollDy());
    }

    @Test
    void anotherStepBetweenWheelEventsSplitsTheScroll() {
        List<Step> steps = Reduce.steps(script().wheel(0, 0, 100).press(100, "Enter", 0).wheel(200, 0, 100).list());
        assertEquals(List.of("scroll", "key", "scroll"), actions(steps));
    }

    @Test
    void printableKeysWithShiftAreOneTypeStep() {
        List<Step> steps = Reduce.steps(script().context(0, "Slack", "#team", "textbox", "Message", false)
                .key(100, true, "Shift", Modifiers.SHIFT).type(150, "Hi there!").list());
        assertEquals(List.of("type"), actions(steps));
        assertEquals("Hi there!", steps.get(0).text());
        assertEquals(us(150), steps.get(0).tsUs(), "starts at the first character, not the lone shift");
        assertEquals(us(150 + 800 + 50), steps.get(0).endTsUs());
    }

    @Test
    void namedKeysAreKeyStepsAndEndTyping() {
        List<Step> steps = Reduce.steps(script().type(0, "ls").press(300, "Enter", 0).press(600, "Tab", 0)
                .press(900, "Escape", 0).press(1200, "F5", 0).press(1500, "PageDown", 0).list());
        assertEquals(List.of("type", "key", "key", "key", "key", "key"), actions(steps));
        assertEquals(List.of("Enter", "Tab", "Escape", "F5", "PageDown"),
                steps.subList(1, 6).stream().map(Step::keys).toList());
        assertNull(steps.get(1).text());
    }

    @Test
    void hotkeysListModifiersInOrderCtrlAltShiftMetaThenTheKeyLowerCase() {
        List<Step> steps = Reduce.steps(script()
                .press(0, "c", Modifiers.CTRL)
                .press(200, "T", Modifiers.CTRL | Modifiers.SHIFT)
                .press(400, "Tab", Modifiers.ALT)
                .press(600, "s", Modifiers.META | Modifiers.ALT | Modifiers.SHIFT | Modifiers.CTRL)
                .press(800, " ", Modifiers.CTRL)
                .press(1000, "Tab", Modifiers.SHIFT).list());
        assertEquals(List.of("ctrl+c", "ctrl+shift+t", "alt+tab", "ctrl+alt+shift+meta+s", "ctrl+space", "shift+tab"),
                steps.stream().map(Step::keys).toList());
        assertTrue(steps.stream().allMatch(s -> s.action() == Action.HOTKEY));
    }

    @Test
    void movesReleasesAndLoneModifiersAreNotSteps() {
        assertEquals(List.of(), Reduce.steps(script().move(0, 1, 1).move(8, 2, 2)
                .press(100, "Shift", Modifiers.SHIFT).press(200, "Control", Modifiers.CTRL)
                .key(300, false, "a", 0).up(400, 1, 1, LEFT).press(500, "CapsLock", 0).list()));
    }

    @Test
    void editingKeysWithoutTypingAreKeySteps() {
        List<Step> steps = Reduce.steps(script().press(0, "Backspace", 0).press(200, "ArrowLeft", 0).list());
        assertEquals(List.of("key", "key"), actions(steps));
        assertEquals("Backspace", steps.get(0).keys());
    }

    @Test
    void typedTextIsWhatTheEditsLeft() {
        List<Step> steps = Reduce.steps(script().type(0, "helo").press(400, "Backspace", 0).type(500, "lo wrld")
                .press(1200, "ArrowLeft", 0).press(1300, "ArrowLeft", 0).press(1400, "ArrowLeft", 0)
                .type(1600, "o").press(1700, "Home", 0).type(1800, ">")
                .press(1900, "End", 0).type(2000, "!").press(2100, "Home", 0).press(2200, "Delete", 0).list());
        assertEquals(List.of("type"), actions(steps));
        assertEquals("hello world!", steps.get(0).text());
    }

    @Test
    void eachStepIsPairedWithTheContextInEffectAtItsFirstEvent() {
        List<Step> steps = Reduce.steps(script()
                .context(0, "Chrome", "Inbox", "searchbox", "Search mail", false)
                .click(100, 10, 10)
                .context(300, "Slack", "#team", "textbox", "Message", false)
                .type(400, "ok").list());
        assertEquals("Chrome", steps.get(0).context().app());
        assertEquals("Search mail", steps.get(0).context().elementName());
        assertEquals("Slack", steps.get(1).context().app());
    }

    @Test
    void aFocusChangeEndsTypingButATitleChangeAloneDoesNot() {
        List<Step> steps = Reduce.steps(script()
                .context(0, "Docs", "Notes", "document", "Body", false)
                .type(100, "abc")
                .context(500, "Docs", "Notes (edited)", "document", "Body", false)
                .type(600, "def")
                .context(1000, "Docs", "Notes (edited)", "textbox", "Title", false)
                .type(1100, "x").list());
        assertEquals(List.of("type", "type"), actions(steps));
        assertEquals("abcdef", steps.get(0).text());
        assertEquals("x", steps.get(1).text());
    }

    @Test
    void typingIntoASecureElementIsMarkedSecureEvenWhenTheFlagCameLate() {
        List<Step> steps = Reduce.steps(script()
                .context(0, "Chrome", "Login", "textbox", "Password", false)
                .type(100, "hunter2")
                .context(400, "Chrome", "Login", "textbox", "Password", true)
                .type(900, "x").list());
        assertEquals(1, steps.size());
        assertTrue(steps.get(0).context().secure());
    }

    @Test
    void silenceLongerThanTheGapEndsPendingSteps() {
        List<Step> steps = Reduce.steps(script().type(0, "ab").type(300_200, "cd").list());
        assertEquals(List.of("ab", "cd"), steps.stream().map(Step::text).toList());
        assertTrue(steps.get(1).gapBeforeUs() > Reduce.GAP_US);
    }

    @Test
    void advancingTimeNeverChangesWhatComesOut() {
        List<RawEvent> events = script().context(0, "Chrome", "x", "document", "d", false)
                .click(0, 5, 5).click(300, 5, 5).wheel(900, 0, 10).wheel(1300, 0, 10)
                .type(2000, "hello").press(2600, "Enter", 0).click(2700, 9, 9).list();
        List<Step> plain = Reduce.steps(events);
        for (long stepMs : new long[] {1, 7, 50, 499, 500, 501}) {
            ActionReducer r = new ActionReducer(Reduce.GAP_US);
            List<Step> out = new ArrayList<>();
            long t = Events.T0_US;
            for (RawEvent e : events) {
                while (t + stepMs * 1000 < e.tsUs()) {
                    t += stepMs * 1000;
                    r.advanceTo(t, out::add);
                }
                r.accept(e, out::add);
            }
            r.finish(out::add);
            assertEquals(plain, out, "advancing every " + stepMs + " ms");
        }
    }

    @Test
    void aWheelWhileAButtonIsHeldEndsTheClickFirstAndLosesNothing() {
        // The second press of a double click, then a wheel before its release; and a wheel inside a
        // plain click. Neither arrives from our recorder's usual timing, both from a real mouse.
        List<Step> doubled = Reduce.steps(script().click(0, 5, 5).down(200, 5, 5, LEFT).wheel(250, 0, -3)
                .up(280, 5, 5, LEFT).list());
        assertEquals(List.of("double_click", "scroll"), actions(doubled), "ordered as they began");
        List<Step> single = Reduce.steps(script().down(0, 5, 5, LEFT).wheel(40, 0, 2).up(80, 5, 5, LEFT).list());
        assertEquals(List.of("click", "scroll"), actions(single), "the scroll is not overwritten by the click");
        assertEquals(List.of("e1"), single.get(0).eventIds(), "the click ends at the wheel; its late release is ignored");
        assertEquals(List.of("e2"), single.get(1).eventIds());
    }
}
