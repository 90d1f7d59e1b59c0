package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.device.DeviceSettings;
import dev.episodes.device.OfflineTimelines;
import dev.episodes.device.Privacy;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * Red team (issue 16): waiting events are now kept unsorted and sorted at each release. Events of several
 * kinds at the same microsecond (and equal seq: seq is per kind on some recorders), arriving in any order,
 * with watermarks and restores anywhere between, must come out as OfflineTimelines orders them.
 */
class EqualTimesOrderTest {
    private static final Privacy PRIVACY = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT));

    private static List<RawEvent> script() {
        List<RawEvent> events = new ArrayList<>();
        String u = Events.USER;
        String d = Events.DEVICE;
        for (int k = 0; k < 6; k++) {
            long ts = Events.us(k * 700L);
            events.add(new ContextEvent("c" + k, u, d, ts, k, "App" + (k % 2), "Title" + k, "https://x/" + k,
                    new Element("textbox", "Field" + k, false, 10, 20, 300, 40), "s3://f/" + k, 1920, 1080));
            events.add(new MouseEvent("m" + k + "d", u, d, ts, k, MouseEvent.Action.DOWN, 50, 50, MouseEvent.Button.LEFT, 0, 0));
            events.add(new MouseEvent("m" + k + "u", u, d, ts + 60_000, k, MouseEvent.Action.UP, 50, 50,
                    MouseEvent.Button.LEFT, 0, 0));
            events.add(new KeyEvent("k" + k + "d", u, d, ts + 60_000, k, true, "a", "KeyA", 0));
            events.add(new KeyEvent("k" + k + "u", u, d, ts + 60_000, k, false, "a", "KeyA", 0));
            events.add(new MouseEvent("w" + k, u, d, ts + 60_000, k, MouseEvent.Action.WHEEL, 50, 50, null, 0, 120));
        }
        return events;
    }

    @Test
    void tiesComeOutInEventOrderWhateverTheArrivalWatermarksAndRestores() throws Exception {
        List<RawEvent> events = script();
        List<Episode> expected = OfflineTimelines.episodes(events, PRIVACY, SessionRules.DEFAULT);
        DeviceSettings settings = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, 600_000_000L);
        for (long seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            // Arrival: shuffled within windows of 1.5 s, plus repeats; watermarks 1 s behind what arrived.
            List<RawEvent> arrival = new ArrayList<>(events);
            Collections.shuffle(arrival, r);
            arrival.sort((a, b) -> Long.compare(a.tsUs() / 1_500_000, b.tsUs() / 1_500_000));
            List<Episode> got = new ArrayList<>();
            RedTeamHarness h = new RedTeamHarness(settings, "hashmap");
            h.open();
            long maxTs = Long.MIN_VALUE;
            for (RawEvent e : arrival) {
                h.event(e);
                if (r.nextInt(4) == 0) {
                    h.event(e);
                }
                maxTs = Math.max(maxTs, e.tsUs());
                if (r.nextInt(3) == 0) {
                    h.processWatermark(Math.floorDiv(maxTs - 3_000_000, 1000L));
                }
                if (r.nextInt(10) == 0) {
                    OperatorSubtaskState s = h.snapshot(1L, 1L);
                    got.addAll(h.extractOutputValues());
                    h.close();
                    h = new RedTeamHarness(settings, "hashmap");
                    h.initializeState(s);
                    h.open();
                }
            }
            assertEquals(0, h.late(), "seed " + seed);
            h.processWatermark(Long.MAX_VALUE);
            got.addAll(h.extractOutputValues());
            h.close();
            assertEquals(expected, got, "seed " + seed);
        }
    }
}
