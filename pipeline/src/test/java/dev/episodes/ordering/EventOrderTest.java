package dev.episodes.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The written-out order is the one it replaced: time, then seq, then event id. */
class EventOrderTest {
    private static final Comparator<RawEvent> CHAINED = Comparator.comparingLong(RawEvent::tsUs)
            .thenComparingLong(RawEvent::seq).thenComparing(RawEvent::eventId);

    @Test
    void agreesWithTheChainedComparatorOnRandomAndEdgeEvents() {
        Random r = new Random(9);
        long[] times = {Long.MIN_VALUE, -1, 0, 1, 1_795_768_200_513_000L, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        String[] ids = {"", "a", "b", "A", "é", "85d4ce71", "85d4ce72"};
        for (int i = 0; i < 20_000; i++) {
            RawEvent a = event(r, times, ids);
            RawEvent b = event(r, times, ids);
            assertEquals(Integer.signum(CHAINED.compare(a, b)), Integer.signum(EventOrder.COMPARATOR.compare(a, b)),
                    a + " vs " + b);
        }
    }

    private static RawEvent event(Random r, long[] times, String[] ids) {
        long ts = r.nextBoolean() ? times[r.nextInt(times.length)] : r.nextInt(5);
        long seq = r.nextBoolean() ? r.nextInt(3) : (r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
        return new MouseEvent(ids[r.nextInt(ids.length)], "u-1", "d-1", ts, seq, MouseEvent.Action.MOVE, 1, 2,
                null, 0, 0);
    }
}
