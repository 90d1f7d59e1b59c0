package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.decode.DeadLetter;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeviceTimelineFunctionTest {
    private static final long GAP_MS = 300_000;

    /** The operator with its consent (broadcast) input; watermarks advance both inputs. */
    static final class Harness extends KeyedBroadcastOperatorTestHarness<String, RawEvent, RawEvent, Episode> {
        Harness() throws Exception {
            super(new DeviceTimelineOperator(new DeviceTimelineFunction(SessionRules.DEFAULT, 60_000_000L,
                    new Pseudonymizer(new byte[32]), RedactionPolicy.DEFAULT, true)),
                    DeviceTimelineFunction::keyOf, Types.STRING, 1, 1, 0);
            setup(PipelineTypes.EPISODE.createSerializer(new SerializerConfigImpl()));
        }

        @Override
        public void processWatermark(long ms) throws Exception {
            super.processBroadcastWatermark(ms);
            super.processWatermark(ms);
        }
    }

    private static Harness harness() throws Exception {
        Harness h = new Harness();
        h.open();
        return h;
    }

    private static long ms(RawEvent e) {
        return Math.floorDiv(e.tsUs(), 1000L);
    }

    private static final List<RawEvent> EVENTS = Events.script()
            .context(0, "Chrome", "Inbox", "searchbox", "Search", false) // e1
            .click(1_000, 10, 10)                                       // e2 e3
            .type(2_000, "hi")                                          // e4..e7
            .press(4_000, "Enter", 0).list();                           // e8 e9

    @Test
    void eventsArrivingOutOfOrderComeOutOrderedWhenTheWatermarkPasses() throws Exception {
        var h = harness();
        int[] arrival = {3, 1, 2, 0, 5, 4, 8, 6, 7};
        for (int i : arrival) {
            h.processElement(EVENTS.get(i), ms(EVENTS.get(i)));
        }
        assertEquals(1, h.numEventTimeTimers(), "one timer per device, whatever the number of events");
        h.processWatermark(Events.T0_US / 1000 + 3_000);
        assertTrue(h.extractOutputValues().isEmpty(), "the episode is still open");
        h.processWatermark(Events.T0_US / 1000 + 4_100 + GAP_MS);
        List<Episode> out = h.extractOutputValues();
        assertEquals(1, out.size());
        List<Step> steps = out.get(0).steps();
        assertEquals(List.of("click", "type", "key"), steps.stream().map(s -> s.action().wire()).toList());
        assertEquals("hi", steps.get(1).text());
        assertEquals("Search", steps.get(0).context().elementName(), "paired with the context that arrived last");
        h.close();
    }

    @Test
    void lateEventsGoToTheSideOutputAndDuplicatesAreDropped() throws Exception {
        var h = harness();
        for (RawEvent e : EVENTS.subList(0, 6)) {
            h.processElement(e, ms(e));
        }
        h.processElement(EVENTS.get(2), ms(EVENTS.get(2)));
        h.processWatermark(Events.T0_US / 1000 + 2_050);
        h.processElement(EVENTS.get(1), ms(EVENTS.get(1))); // a repeat after release: still a duplicate
        RawEvent late = new dev.episodes.event.MouseEvent("late-1", Events.USER, Events.DEVICE, Events.us(500), 99,
                dev.episodes.event.MouseEvent.Action.MOVE, 3, 3, null, 0, 0);
        h.processElement(late, ms(late));
        List<StreamRecord<DeadLetter>> dead = new ArrayList<>(h.getSideOutput(DeviceTimelineFunction.LATE));
        assertEquals(1, dead.size());
        assertEquals("late", dead.get(0).getValue().reason().wire());
        assertTrue(dead.get(0).getValue().raw().contains("\"ts_us\":" + late.tsUs()));
        h.processWatermark(Long.MAX_VALUE);
        List<Episode> out = h.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals(List.of("click", "type"), out.get(0).steps().stream().map(s -> s.action().wire()).toList());
        h.close();
    }

    @Test
    void aRestoredOperatorFinishesTheEpisodeExactlyAsAnUninterruptedOne() throws Exception {
        var straight = harness();
        for (RawEvent e : EVENTS) {
            straight.processElement(e, ms(e));
        }
        straight.processWatermark(Long.MAX_VALUE);
        List<Episode> expected = straight.extractOutputValues();
        straight.close();

        var first = harness();
        for (RawEvent e : EVENTS.subList(0, 5)) {
            first.processElement(e, ms(e));
        }
        first.processWatermark(Events.T0_US / 1000 + 2_000);
        OperatorSubtaskState snapshot = first.snapshot(1L, 1L);
        first.close();

        var second = new Harness();
        second.initializeState(snapshot);
        second.open();
        for (RawEvent e : EVENTS.subList(5, EVENTS.size())) {
            second.processElement(e, ms(e));
        }
        second.processWatermark(Long.MAX_VALUE);
        assertEquals(expected, second.extractOutputValues());
        second.close();
    }

    @Test
    void theSessionGapTimerClosesEpisodesAndTheNextStepStartsANewOne() throws Exception {
        var h = harness();
        List<RawEvent> events = Events.script().click(0, 1, 1).click(GAP_MS + 1_000, 2, 2).list();
        for (RawEvent e : events) {
            h.processElement(e, ms(e));
        }
        h.processWatermark(Events.T0_US / 1000 + 80 + GAP_MS - 1);
        assertTrue(h.extractOutputValues().isEmpty(), "the gap has not passed yet");
        h.processWatermark(Events.T0_US / 1000 + 80 + GAP_MS);
        assertEquals(1, h.extractOutputValues().size(), "closed by the timer when event time passes the gap");
        h.processWatermark(Long.MAX_VALUE);
        List<Episode> out = h.extractOutputValues();
        assertEquals(2, out.size());
        assertTrue(!out.get(0).episodeId().equals(out.get(1).episodeId()));
        assertEquals(0, h.numEventTimeTimers(), "nothing left to wake up for");
        h.close();
    }

    @Test
    void aRevokeAppliesInEventTimeEvenWhenItArrivesLateAndAGrantReadmits() throws Exception {
        var h = harness();
        List<RawEvent> events = Events.script().click(0, 1, 1).click(2_000, 2, 2).click(4_000, 3, 3).list();
        for (RawEvent e : events) {
            h.processElement(e, ms(e));
        }
        // The revoke at 1.5 s and the grant at 3.5 s arrive after the events they cover.
        h.processBroadcastElement(new dev.episodes.event.ConsentEvent("r", Events.USER, "", Events.us(1_500), 0, false),
                Events.T0_US / 1000 + 1_500);
        h.processBroadcastElement(new dev.episodes.event.ConsentEvent("g", Events.USER, "", Events.us(3_500), 0, true),
                Events.T0_US / 1000 + 3_500);
        h.processWatermark(Long.MAX_VALUE);
        List<Episode> out = h.extractOutputValues();
        assertEquals(2, out.size(), "the revoke closed the first episode; the grant opened another");
        assertEquals(List.of(Events.us(0)), out.get(0).steps().stream().map(Step::tsUs).toList());
        assertEquals(List.of(Events.us(4_000)), out.get(1).steps().stream().map(Step::tsUs).toList());
        h.close();
    }

    @Test
    void consentSurvivesARestart() throws Exception {
        var first = harness();
        first.processBroadcastElement(new dev.episodes.event.ConsentEvent("r", Events.USER, "", Events.us(0), 0, false),
                Events.T0_US / 1000);
        OperatorSubtaskState snapshot = first.snapshot(1L, 1L);
        first.close();

        var second = new Harness();
        second.initializeState(snapshot);
        second.open();
        List<RawEvent> events = Events.script().click(1_000, 1, 1).list();
        for (RawEvent e : events) {
            second.processElement(e, ms(e));
        }
        second.processWatermark(Events.T0_US / 1000 + 2_000);
        RawEvent late = new dev.episodes.event.MouseEvent("late-2", Events.USER, Events.DEVICE, Events.us(500), 99,
                dev.episodes.event.MouseEvent.Action.MOVE, 3, 3, null, 0, 0);
        second.processElement(late, ms(late));
        second.processWatermark(Long.MAX_VALUE);
        assertTrue(second.extractOutputValues().isEmpty(), "the revoke restored from state still applies");
        List<StreamRecord<DeadLetter>> dead = new ArrayList<>(second.getSideOutput(DeviceTimelineFunction.LATE));
        assertEquals(1, dead.size());
        assertEquals(Events.USER, dead.get(0).getValue().userId(), "named, so consent can withhold it downstream");
        assertEquals(late.tsUs(), dead.get(0).getValue().tsUs());
        second.close();
    }

    @Test
    void deadLettersOfPeopleWithoutConsentKeepOnlyTheirReasonEvenWhenTheRevokeArrivesLate() throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<String, DeadLetter, RawEvent, String>(
                new CoBroadcastWithKeyedOperator<>(new DeadLetterConsentFunction(true,
                        new dev.episodes.redaction.Pseudonymizer(new byte[16]),
                        dev.episodes.redaction.RedactionPolicy.DEFAULT, false),
                        List.of(DeviceTimelineFunction.CONSENT)), DeadLetterConsentFunction::keyOf, Types.STRING, 1, 1, 0);
        h.setup(Types.STRING.createSerializer(new SerializerConfigImpl()));
        h.open();
        DeadLetter before = DeadLetter.of(dev.episodes.decode.RejectReason.LATE, "d", "{\"raw\":1}", Events.USER,
                Events.us(100));
        DeadLetter after = DeadLetter.of(dev.episodes.decode.RejectReason.TS_IN_FUTURE, "d", "{\"raw\":2}",
                Events.USER, Events.us(3_000));
        DeadLetter nameless = DeadLetter.of(dev.episodes.decode.RejectReason.MALFORMED_JSON, "d", "garbage");
        h.processElement(before, Events.T0_US / 1000 + 100);
        h.processElement(after, Events.T0_US / 1000 + 3_000);
        h.processElement(nameless, Events.T0_US / 1000);
        h.processBroadcastElement(new dev.episodes.event.ConsentEvent("r", Events.USER, "", Events.us(2_000), 0, false),
                Events.T0_US / 1000 + 2_000); // arrives after the dead letter it covers
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.processWatermark(Long.MAX_VALUE);
        List<String> out = h.extractOutputValues();
        assertEquals(3, out.size(), "every dead letter is still counted");
        var m = new com.fasterxml.jackson.databind.ObjectMapper();
        var byReason = new java.util.HashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        for (String line : out) {
            var o = m.readTree(line);
            byReason.put(o.get("reason").asText(), o);
        }
        assertTrue(!byReason.get("malformed_json").has("withheld")
                && !byReason.get("malformed_json").has("record"), "nameless: nothing could be read, nothing withheld");
        assertTrue(byReason.get("late").has("record") && !byReason.get("late").has("withheld"),
                "before the revoke: the (redacted) record is kept");
        assertEquals("no consent", byReason.get("ts_in_future").path("withheld").asText(),
                "after the revoke: only the count and the reason");
        assertTrue(!byReason.get("ts_in_future").has("record"), out.toString());
        h.close();
    }
}
