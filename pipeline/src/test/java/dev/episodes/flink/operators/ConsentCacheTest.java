package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Red team (write-behind cache): consent changes on the broadcast side. A revoke withholds released events
 * and closes the episode it cuts (a close through the cache: written and pending steps), a grant lets the
 * next ones in. Restored at odd points into other operators, the output is Flink's own operator's.
 */
class ConsentCacheTest {
    private static List<String> run(List<RawEvent> all, DeviceSettings s, String backend, String[] modes, int every)
            throws Exception {
        List<Episode> out = new ArrayList<>();
        int m = 0;
        RedTeamHarness h = CacheAttack.harness(s, backend, modes[m], false, 0L);
        h.open();
        int n = 0;
        for (RawEvent e : all) {
            long ms = Math.floorDiv(e.tsUs(), 1000L);
            if (e instanceof ConsentEvent) {
                h.processBroadcastElement(e, ms);
            } else {
                h.event(e);
            }
            if (++n % 10 == 0) {
                h.processWatermark(ms - 2_000);
            }
            if (every > 0 && n % every == 0) {
                OperatorSubtaskState snapshot = h.snapshot(n, n);
                out.addAll(h.extractOutputValues());
                h.close();
                m = (m + 1) % modes.length;
                h = CacheAttack.harness(s, backend, modes[m], false, 0L);
                h.initializeState(snapshot);
                h.open();
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        out.addAll(h.extractOutputValues());
        h.close();
        return HarnessEquivalencePropertyTest.sorted(out);
    }

    @ParameterizedTest(name = "{0}, restore every {1}")
    @CsvSource({"hashmap,19", "rocksdb,83"}) // sized for CI (the red team's run: 4 cases, 32 s)
    void consentChangesThroughTheCacheGiveFlinksOwnOutput(String backend, int every) throws Exception {
        List<RawEvent> events = CacheAttack.interleaved(61, 4, Duration.ofSeconds(90));
        long t0 = events.get(0).tsUs();
        List<RawEvent> all = new ArrayList<>(events);
        TreeSet<String> users = new TreeSet<>();
        events.forEach(e -> users.add(e.userId()));
        int u = 0;
        for (String user : users) {
            long revoke = t0 + 20_000_000L + u * 7_000_000L;
            all.add(new ConsentEvent("rv-" + user, user, "any", revoke, 1, false));
            all.add(new ConsentEvent("gr-" + user, user, "any", revoke + 25_000_000L, 2, true));
            u++;
        }
        all.sort(Comparator.comparingLong(RawEvent::tsUs));
        DeviceSettings s = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, 20_000_000L);
        List<String> off = run(all, s, backend, new String[] {"off"}, 0);
        List<String> noConsent = run(events, s, backend, new String[] {"off"}, 0);
        assertTrue(!off.equals(noConsent), "the consent changes withhold something");
        assertEquals(off, run(all, s, backend, new String[] {"1x1", "on", "off", "2x2"}, every));
    }
}
