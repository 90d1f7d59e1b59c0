package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Issue 12: quiet input still closes episodes, device by device, in processing time. */
class QuietCloseTest {
    private static final long QUIET_MS = 300_000;
    private static final long T0_MS = Events.T0_US / 1000;

    static final class Harness extends KeyedBroadcastOperatorTestHarness<String, RawEvent, RawEvent, Episode> {
        Harness(long quietMs) throws Exception {
            super(new DeviceTimelineOperator(new DeviceTimelineFunction(SessionRules.DEFAULT, 60_000_000L,
                    new Pseudonymizer(new byte[32]), RedactionPolicy.DEFAULT, true, quietMs)),
                    DeviceTimelineFunction::keyOf, Types.STRING, 1, 1, 0);
            setup(PipelineTypes.EPISODE.createSerializer(new SerializerConfigImpl()));
            setProcessingTime(0);
        }

        @Override
        public void processWatermark(long ms) throws Exception {
            super.processBroadcastWatermark(ms);
            super.processWatermark(ms);
        }

        void events(List<RawEvent> events) throws Exception {
            for (RawEvent e : events) {
                processElement(e, Math.floorDiv(e.tsUs(), 1000L));
            }
        }
    }

    private static List<Long> starts(List<Episode> episodes) {
        return episodes.stream().map(Episode::startTsUs).toList();
    }

    @Test
    void anOpenEpisodeClosesOnceTheInputHasBeenQuietAndLaterEventsAreNotLost() throws Exception {
        var h = new Harness(QUIET_MS);
        h.open();
        h.setProcessingTime(1_000);
        h.events(Events.script().click(0, 1, 1).click(2_000, 2, 2).list());
        h.processWatermark(T0_MS + 2_080 - 10_001); // all the input there is: event time stops here
        h.setProcessingTime(1_000 + QUIET_MS - 1);
        assertTrue(h.extractOutputValues().isEmpty(), "not quiet long enough");
        h.setProcessingTime(1_000 + QUIET_MS); // sees the watermark that trailed the events
        h.setProcessingTime(1_000 + QUIET_MS + 1_000); // which stood still since
        List<Episode> closed = h.extractOutputValues();
        assertEquals(1, closed.size(), "closed without an event or a watermark");
        assertEquals(List.of("click", "click"), closed.get(0).steps().stream().map(s -> s.action().wire()).toList());

        RawEvent inside = new MouseEvent("inside", Events.USER, Events.DEVICE, Events.us(2_080 + 200_000), 90,
                MouseEvent.Action.DOWN, 5, 5, MouseEvent.Button.LEFT, 0, 0);
        h.processElement(inside, Math.floorDiv(inside.tsUs(), 1000L));
        assertEquals(1, h.getSideOutput(DeviceTimelineFunction.LATE).size(),
                "within the gap the close assumed: a late dead letter, counted");
        h.events(Events.script().click(2_080 + 400_000, 3, 3).list());
        h.processWatermark(Long.MAX_VALUE);
        List<Episode> all = h.extractOutputValues();
        assertEquals(List.of(Events.us(0), Events.us(2_080 + 400_000)), starts(all), "after it: a new episode");
        h.setProcessingTime(100 * QUIET_MS);
        assertEquals(2, h.extractOutputValues().size(), "a timer of a closed device does nothing");
        assertEquals(0, h.numProcessingTimeTimers(), "and is not renewed");
        h.close();
    }

    @Test
    void inputThatKeepsComingNeverClosesEarly() throws Exception {
        var h = new Harness(QUIET_MS);
        h.open();
        // One device typing slowly (a key every 4 minutes, within the 5 min gap) for an hour of
        // processing time, while event time stands still: never quiet, never closed.
        long ms = 0;
        for (int i = 0; i < 15; i++, ms += 240_000) {
            h.setProcessingTime(ms);
            h.events(Events.script().press(ms, "a", 0).list().subList(0, 1));
        }
        h.setProcessingTime(ms - 240_000 + QUIET_MS - 1);
        assertTrue(h.extractOutputValues().isEmpty(), "input arrived within every quiet time");
        h.setProcessingTime(ms - 240_000 + QUIET_MS);
        h.setProcessingTime(ms - 240_000 + QUIET_MS + 1_000);
        assertEquals(1, h.extractOutputValues().size(), "one episode, closed once quiet");
        h.close();
    }

    @Test
    void aMovingEventTimeIsNotQuietAndStillClosesEpisodesItself() throws Exception {
        var h = new Harness(QUIET_MS);
        h.open();
        h.events(Events.script().click(0, 1, 1).list());
        for (long now = 0; now <= 3 * QUIET_MS; now += 1_000) { // other devices' input moves event time
            h.setProcessingTime(now);
            h.processWatermark(T0_MS + 100 + now / 1_000);
        }
        assertTrue(h.extractOutputValues().isEmpty(), "event time kept moving: not quiet");
        h.processWatermark(T0_MS + 80 + 300_000); // event time passes the gap: closed by it, as ever
        assertEquals(1, h.extractOutputValues().size());
        h.setProcessingTime(10 * QUIET_MS);
        assertEquals(1, h.extractOutputValues().size(), "closed once");
        h.close();
    }

    @Test
    void offOrBoundedNeverClosesInProcessingTime() throws Exception {
        var h = new Harness(0);
        h.open();
        h.events(Events.script().click(0, 1, 1).list());
        h.setProcessingTime(100 * QUIET_MS);
        assertTrue(h.extractOutputValues().isEmpty());
        assertEquals(0, h.numProcessingTimeTimers(), "no timer at all");
        h.processWatermark(Long.MAX_VALUE);
        assertEquals(1, h.extractOutputValues().size());
        h.close();
    }

    @Test
    void aJobResumedOntoQuietInputStillCloses() throws Exception {
        var first = new Harness(QUIET_MS);
        first.open();
        first.events(Events.script().click(0, 1, 1).type(1_000, "ok").list());
        OperatorSubtaskState snapshot = first.snapshot(1L, 1L);
        first.close();
        var resumed = new Harness(QUIET_MS);
        resumed.initializeState(snapshot);
        resumed.open();
        resumed.setProcessingTime(QUIET_MS); // the restored timer: first look after the restart
        resumed.setProcessingTime(2 * QUIET_MS);
        List<Episode> out = resumed.extractOutputValues();
        assertEquals(1, out.size(), "closed although nothing arrived after the restore");
        assertEquals("ok", out.get(0).steps().stream().map(Step::text).filter(t -> t != null).findFirst().orElse(null),
                "the typing visit flushed too");
        resumed.close();
    }
}
