package dev.episodes.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.KeyEvent;
import dev.episodes.event.RawEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PendingEventsTest {

    @Test
    void keepsEventOrderUnderAnyMixOfInsertsAndReleases() {
        for (long seed = 0; seed < 30; seed++) {
            Random r = new Random(seed);
            PendingEvents pending = new PendingEvents();
            TreeSet<RawEvent> model = new TreeSet<>(EventOrder.COMPARATOR);
            long clock = 0;
            for (int op = 0; op < 5_000; op++) {
                if (r.nextInt(4) > 0) {
                    clock += r.nextInt(1000);
                    long ts = r.nextInt(10) == 0 ? clock - r.nextInt(20_000) : clock; // some arrive late
                    RawEvent e = new KeyEvent("e" + op, "u", "d", ts, r.nextInt(3), true, "a", "KeyA", 0);
                    pending.add(e, IdHashes.of(e.eventId()));
                    model.add(e);
                } else {
                    int n = r.nextInt(5);
                    for (int i = 0; i < n && !model.isEmpty(); i++) {
                        assertEquals(model.pollFirst(), pending.first(), "seed " + seed);
                        assertEquals(IdHashes.of(pending.first().eventId()), pending.firstHash());
                        pending.removeFirst();
                    }
                }
                assertEquals(model.size(), pending.size());
            }
            List<RawEvent> rest = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                rest.add(pending.get(i));
            }
            assertEquals(new ArrayList<>(model), rest);
            assertTrue(model.isEmpty() == pending.isEmpty());
        }
    }
}
