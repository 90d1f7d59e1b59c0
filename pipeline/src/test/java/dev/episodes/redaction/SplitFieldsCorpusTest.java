package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceTimeline;
import dev.episodes.device.Privacy;
import dev.episodes.device.TimelineOutput;
import dev.episodes.event.RawEvent;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.snapshot.StateIO;
import dev.episodes.testing.Desk;
import dev.episodes.testing.Timeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 6: numbers typed into consecutive fields of one form are checked together. A card in
 * four boxes, an IBAN in groups, an SSN in three fields come out as placeholders, one per field, with
 * the Tab and click steps between them and every step's time as they were. Dates in day / month / year
 * boxes, a phone's extension, a cart's quantities and an order number next to a ZIP code survive.
 */
class SplitFieldsCorpusTest {
    private static final String APP = "Google Chrome";
    private static final String TITLE = "Checkout - Shop";
    private static final String URL = "https://shop.example/checkout";

    /** Each group into its own field, moving on with Tab; then a click on the form's submit button. */
    private static List<RawEvent> withTab(String... groups) {
        Desk d = Desk.start();
        for (int i = 0; i < groups.length; i++) {
            d.focus(APP, TITLE, URL, "textbox", "Field " + (i + 1), false, 300 + 90 * i, 400).pause(300)
                    .type(groups[i]).pause(200);
            if (i < groups.length - 1) {
                d.tab();
            }
        }
        return d.pause(800).focus(APP, TITLE, URL, "button", "Continue", false, 300, 500).click(310, 510).events();
    }

    /** Each group into its own field, clicking into the next field instead of Tab. */
    private static List<RawEvent> withClicks(String... groups) {
        Desk d = Desk.start();
        for (int i = 0; i < groups.length; i++) {
            d.focus(APP, TITLE, URL, "textbox", "Card number part " + (i + 1), false, 300 + 90 * i, 400)
                    .click(310 + 90 * i, 410).pause(250).type(groups[i]).pause(900);
        }
        return d.focus(APP, TITLE, URL, "button", "Pay", false, 300, 500).click(310, 510).events();
    }

    @Test
    void aCardInFourFieldsWithTabBetweenIsOneCard() {
        Timeline t = Timeline.run(withTab("4111", "1111", "1111", "1111"));
        assertPlaceholders(t, "[CREDIT_CARD]", 4, "CREDIT_CARD");
        assertEquals(3, t.steps().stream().filter(s -> s.action() == Action.KEY && "Tab".equals(s.keys())).count(),
                "the Tab steps between the fields stay");
        assertSameSteps(Timeline.run(withTab("4111", "1111", "1111", "1112")), t); // Luhn fails: not a card
    }

    @Test
    void aCardInFourFieldsWithClicksBetween() {
        Timeline t = Timeline.run(withClicks("5555", "5555", "5555", "4444"));
        assertPlaceholders(t, "[CREDIT_CARD]", 4, "CREDIT_CARD");
        assertSameSteps(Timeline.run(withClicks("5555", "5555", "5555", "4445")), t);
    }

    @Test
    void aCardInFieldsThatMoveFocusOnThemselvesThenExpiryAndCvc() {
        Desk d = Desk.start();
        String[] groups = {"4111", "1111", "1111", "1111", "12", "28", "737"};
        for (int i = 0; i < groups.length; i++) {
            // the form moves focus after the fourth digit: no Tab, no click, only the next focus event
            d.focus(APP, TITLE, URL, "textbox", i < 4 ? "Card number" : "Field " + i, false, 300 + 60 * i, 400).type(groups[i]);
        }
        d.pause(1_500).enter();
        List<String> typed = Timeline.run(d.events()).steps().stream().filter(s -> s.action() == Action.TYPE).map(Step::text).toList();
        assertEquals(List.of("[CREDIT_CARD]", "[CREDIT_CARD]", "[CREDIT_CARD]", "[CREDIT_CARD]", "12", "28", "737"), typed);
    }

    @Test
    void anAmexInFourSixFiveFields() {
        assertPlaceholders(Timeline.run(withTab("3782", "822463", "10005")), "[CREDIT_CARD]", 3, "CREDIT_CARD");
    }

    @Test
    void aCardInFullWidthAndArabicIndicDigits() {
        assertPlaceholders(Timeline.run(withTab("４１１１", "１１１１", "１１１１", "１１１１")), "[CREDIT_CARD]", 4, "CREDIT_CARD");
        assertPlaceholders(Timeline.run(withTab("٤١١١", "١١١١", "١١١١", "١١١١")), "[CREDIT_CARD]", 4, "CREDIT_CARD");
    }

    @Test
    void anIbanInGroups() {
        Timeline t = Timeline.run(withTab("DE89", "3704", "0044", "0532", "0130", "00"));
        assertPlaceholders(t, "[IBAN]", 6, "IBAN");
        assertSameSteps(Timeline.run(withTab("DE89", "3704", "0044", "0532", "0130", "01")), t); // mod-97 fails
    }

    @Test
    void anSsnInThreeFields() {
        Timeline t = Timeline.run(withTab("536", "22", "1234"));
        assertPlaceholders(t, "[SSN]", 3, "SSN");
        assertSameSteps(Timeline.run(withTab("666", "22", "1234")), t); // area 666 is never issued
    }

    @Test
    void aCardGroupWithTheGroupsInsideOneFieldStillJoins() {
        assertPlaceholders(Timeline.run(withTab("4111 11", "11 1111", "1111")), "[CREDIT_CARD]", 3, "CREDIT_CARD");
    }

    // ---- look-alikes: the detectors' shapes and checksums decide, as typed

    @Test
    void lookAlikesSurviveAsTyped() {
        String[][] cases = {
            {"27", "11", "2026"},                 // date in day / month / year boxes
            {"11", "27", "2026"},                 // the US order
            {"2026", "11", "27"},                 // ISO order
            {"555", "201", "4567", "89"},         // a phone number in three boxes and its extension
            {"1", "2", "12", "3", "1", "6"},      // a cart's quantities
            {"100234", "94103"},                  // an order number, then a ZIP code
            {"4111", "1111"},                     // half a card
            {"123", "45", "6789"},                // the advertising SSN every form's example shows
        };
        for (String[] groups : cases) {
            Timeline t = Timeline.run(withTab(groups));
            List<String> typed = t.steps().stream().filter(s -> s.action() == Action.TYPE).map(Step::text).toList();
            assertEquals(List.of(groups), typed, String.join(" / ", groups));
            assertTrue(t.steps().stream().allMatch(s -> s.redactions().isEmpty()), String.join(" / ", groups));
        }
    }

    @Test
    void groupsInAnotherWindowOrUrlAreNotJoined() {
        Desk d = Desk.start();
        String[] urls = {URL, URL, "https://shop.example/cart", "https://shop.example/cart"};
        for (int i = 0; i < 4; i++) {
            d.focus(APP, TITLE, urls[i], "textbox", "Field " + i, false, 300, 400).pause(300).type("4111 1111 1111 1111".substring(5 * i, 5 * i + 4)).tab();
        }
        Timeline t = Timeline.run(d.events());
        assertEquals(List.of("4111", "1111", "1111", "1111"),
                t.steps().stream().filter(s -> s.action() == Action.TYPE).map(Step::text).toList());
    }

    @Test
    void aPauseLongerThanTheWindowEndsTheRun() {
        Desk d = Desk.start();
        String[] groups = {"536", "22", "1234"};
        for (int i = 0; i < 3; i++) {
            d.focus(APP, TITLE, URL, "textbox", "Field " + i, false, 300, 400).pause(300).type(groups[i]).tab();
            if (i == 1) {
                d.pause(SplitFields.WINDOW_US / 1000 + 1_000);
            }
        }
        Timeline t = Timeline.run(d.events());
        assertEquals(List.of("536", "22", "1234"),
                t.steps().stream().filter(s -> s.action() == Action.TYPE).map(Step::text).toList());
    }

    @Test
    void aHeldRunEndsWhenTheWatermarkPassesItsWindow() {
        Privacy privacy = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT));
        List<Step> steps = new ArrayList<>();
        TimelineOutput out = collect(steps);
        DeviceTimeline t = new DeviceTimeline(SessionRules.DEFAULT);
        List<RawEvent> events = withTab("536", "22", "1234"); // ends with a click on Continue: the run is held
        for (RawEvent e : events) {
            t.accept(e, privacy, out);
        }
        long lastEvent = events.get(events.size() - 1).tsUs();
        List<Long> wakes = new ArrayList<>();
        for (long wake = t.nextDeadlineUs(); wake < lastEvent + SessionRules.DEFAULT.gapUs(); wake = t.nextDeadlineUs()) {
            assertTrue(wakes.size() < 10 && (wakes.isEmpty() || wake > wakes.get(wakes.size() - 1)), "deadlines move on: " + wakes);
            wakes.add(wake);
            t.advanceTo(wake, privacy, out);
        }
        assertTrue(wakes.stream().anyMatch(w -> w > lastEvent + SplitFields.WINDOW_US - 5_000_000L && w <= lastEvent + SplitFields.WINDOW_US),
                "wakes when the form's window closes, not only at the session gap: " + wakes + " after " + lastEvent);
        t.finish(privacy, out);
        assertEquals(List.of("[SSN]", "[SSN]", "[SSN]"),
                steps.stream().filter(s -> s.action() == Action.TYPE).map(Step::text).toList());
    }

    // ---- state: a run held across a checkpoint, and state written before split fields existed

    @Test
    void aHeldRunSurvivesARestoreAtEveryEvent() throws IOException {
        List<RawEvent> events = withTab("4111", "1111", "1111", "1111");
        List<Step> plain = steps(events, -1);
        assertEquals(4, plain.stream().filter(s -> "[CREDIT_CARD]".equals(s.text())).count());
        for (int cut = 1; cut < events.size(); cut++) {
            assertEquals(plain, steps(events, cut), "restored after event " + cut);
        }
    }

    @Test
    void stateWrittenBeforeSplitFieldsIsReadable() throws IOException {
        Step typed = Timeline.run(withTab("4111")).steps().stream().filter(s -> s.action() == Action.TYPE).findFirst().orElseThrow();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(1); // the old layout: the visit's step count, its steps, nothing after
        StateIO.writeStep(out, typed);
        out.writeInt(7); // what the next component wrote
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b.toByteArray()));
        TypingVisits visits = new TypingVisits();
        visits.readFrom(in);
        assertEquals(7, in.readInt(), "reads exactly the old layout");
        List<Step> out2 = new ArrayList<>();
        visits.flush(new Redactor(RedactionPolicy.DEFAULT).text(), out2::add);
        assertEquals(List.of(typed), out2);
        assertFalse(visits.isOpen());
    }

    private static List<Step> steps(List<RawEvent> events, int cut) throws IOException {
        Privacy privacy = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT));
        List<Step> steps = new ArrayList<>();
        TimelineOutput out = collect(steps);
        // The device's other stores (open steps, mask memory) are Flink states of their own: they outlive the cut.
        dev.episodes.device.DeviceStores stores = dev.episodes.device.DeviceStores.inMemory();
        DeviceTimeline t = new DeviceTimeline(SessionRules.DEFAULT, stores);
        for (int i = 0; i < events.size(); i++) {
            if (i == cut) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                t.writeTo(new DataOutputStream(b));
                t = DeviceTimeline.readFrom(new DataInputStream(new ByteArrayInputStream(b.toByteArray())))
                        .bind(SessionRules.DEFAULT, stores);
            }
            t.accept(events.get(i), privacy, out);
        }
        t.finish(privacy, out);
        return steps;
    }

    private static TimelineOutput collect(List<Step> steps) {
        return new TimelineOutput() {
            @Override
            public void episode(Episode episode) {
                steps.addAll(episode.steps());
            }

            @Override
            public void dropped(String reason) {}
        };
    }

    private static void assertPlaceholders(Timeline t, String token, int fields, String kind) {
        List<Step> typed = t.steps().stream().filter(s -> s.action() == Action.TYPE).toList();
        assertEquals(fields, typed.size(), "one type step per field: " + typed);
        for (Step s : typed) {
            assertEquals(token, s.text());
            assertEquals(List.of(kind), s.redactionKinds());
        }
    }

    /** The same steps at the same times, whatever their text. */
    private static void assertSameSteps(Timeline expected, Timeline actual) {
        assertEquals(shape(expected), shape(actual));
    }

    private static List<String> shape(Timeline t) {
        return t.steps().stream().map(s -> s.action() + "@" + s.tsUs() + ".." + s.endTsUs() + " " + s.keys()).toList();
    }
}
