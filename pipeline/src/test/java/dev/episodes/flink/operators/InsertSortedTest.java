package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.ordering.EventOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The waiting events' insert, searching back from the end, keeps them as a full sort would. */
class InsertSortedTest {
    @Test
    void anyArrivalOrderEndsSortedAsASortOfAll() {
        for (long seed = 1; seed <= 200; seed++) {
            Random r = new Random(seed);
            int n = 1 + r.nextInt(seed % 10 == 0 ? 3_000 : 60);
            List<RawEvent> arrived = new ArrayList<>();
            long ts = 1_764_403_200_000_000L;
            for (int i = 0; i < n; i++) {
                // Mostly in order, some a little behind, a few far behind, equal times on purpose.
                long back = switch (r.nextInt(10)) {
                    case 0, 1, 2 -> r.nextInt(3_000_000);
                    case 3 -> r.nextInt(600_000_000);
                    case 4 -> 0;
                    default -> -r.nextInt(200_000);
                };
                ts = Math.max(0, ts - back);
                arrived.add(new MouseEvent("e" + i + "-" + r.nextInt(4), "u", "d", ts, r.nextInt(5),
                        MouseEvent.Action.MOVE, r.nextInt(100), r.nextInt(100), null, 0, 0));
            }
            List<RawEvent> inserted = new ArrayList<>();
            for (RawEvent e : arrived) {
                DeviceCache.insertSorted(inserted, e);
            }
            List<RawEvent> sorted = new ArrayList<>(arrived);
            sorted.sort(EventOrder.COMPARATOR);
            assertEquals(sorted, inserted, "seed " + seed);
        }
    }
}
