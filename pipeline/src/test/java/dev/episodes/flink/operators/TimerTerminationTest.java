package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.testing.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's timers always run out: issue 12's hang, 100,000 pointer moves one per millisecond
 * whose ts_us end in ...999, spun forever in onTimer because a forget timer was re-armed at the
 * watermark that had just fired it.
 */
class TimerTerminationTest {
    private static final int MOVES = 100_000;
    private static final long OUT_OF_ORDERNESS_MS = 10_000;

    /** One device, one move per millisecond, each at {@code ms*1000 + micros}. */
    private static List<RawEvent> moves(long micros) {
        List<RawEvent> events = new ArrayList<>(MOVES);
        for (int i = 0; i < MOVES; i++) {
            events.add(new MouseEvent("m" + i, Events.USER, Events.DEVICE, Events.T0_US + i * 1000L + micros, i,
                    MouseEvent.Action.MOVE, i % 800, i % 600, null, 0, 0));
        }
        return events;
    }

    /** Feeds the moves as a replay does: a bounded-out-of-orderness watermark every 200 events, then MAX. */
    private static int replay(List<RawEvent> events) throws Exception {
        var h = new DeviceTimelineFunctionTest.Harness();
        h.open();
        long maxMs = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            RawEvent e = events.get(i);
            long ms = Math.floorDiv(e.tsUs(), 1000L);
            h.processElement(e, ms);
            maxMs = Math.max(maxMs, ms);
            if (i % 200 == 199) {
                h.processWatermark(maxMs - OUT_OF_ORDERNESS_MS - 1);
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        int timers = h.numEventTimeTimers();
        h.close();
        return timers;
    }

    @Test
    void movesAtMicrosecond999OfEveryMillisecondFinish() {
        List<RawEvent> events = moves(999);
        int left = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> replay(events),
                "the ...999 corpus must finish, not spin in onTimer");
        assertEquals(0, left, "nothing left to wake up for after the final watermark");
    }

    @Test
    void movesAtMicrosecond000OfEveryMillisecondFinish() {
        List<RawEvent> events = moves(0);
        int left = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> replay(events));
        assertEquals(0, left);
    }
}
