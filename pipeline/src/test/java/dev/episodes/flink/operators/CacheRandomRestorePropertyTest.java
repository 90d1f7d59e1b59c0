package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.device.DeviceSettings;
import dev.episodes.device.OfflineTimelines;
import dev.episodes.device.Privacy;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Red team (write-behind cache): HarnessEquivalencePropertyTest with what it leaves out. Re-delivery out of
 * order with repeats, four people interleaved, and many restores (about one every 60 arrivals, at random
 * points: between an event and the watermark that releases it, while a repeat's first copy is pending),
 * each into a randomly chosen operator (Flink's own, the cache at job size, caches of one to three devices
 * with one to four pending ids or steps). Every run must give OfflineTimelines' episodes and no late event.
 */
class CacheRandomRestorePropertyTest {
    private static final long BOUND_US = 3_000_000L;
    private static final Privacy PRIVACY = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT));
    private static final String[] MODES = {"off", "on", "1x1", "1x4", "2x1", "3x2", "2x3"};

    @ParameterizedTest(name = "seed {0}, {1}, idle {2}")
    @CsvSource({"101,hashmap,never", "104,rocksdb,30", "105,hashmap,8", "107,hashmap,30"}) // 4 of the red team's 8, for CI
    void restoredOftenIntoRandomOperatorsTheOutputIsTheOfflineOne(long seed, String backend, String idle)
            throws Exception {
        List<RawEvent> events = HarnessEquivalencePropertyTest.corpus(seed, 4, Duration.ofMinutes(2));
        Set<String> ids = new HashSet<>();
        List<RawEvent> unique = new ArrayList<>();
        for (RawEvent e : events) {
            if (ids.add(e.eventId())) {
                unique.add(e);
            }
        }
        List<String> expected = HarnessEquivalencePropertyTest.sorted(
                OfflineTimelines.episodes(unique, PRIVACY, SessionRules.DEFAULT));

        Random r = new Random(seed);
        record Arrival(long atUs, RawEvent event) {}
        List<Arrival> arrivals = new ArrayList<>();
        for (RawEvent e : events) {
            arrivals.add(new Arrival(e.tsUs() + (long) (r.nextDouble() * BOUND_US), e));
            if (r.nextInt(10) == 0) {
                arrivals.add(new Arrival(e.tsUs() + (long) (r.nextDouble() * BOUND_US), e));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::atUs));
        long idleUs = idle.equals("never") ? DeviceSettings.NEVER : Long.parseLong(idle) * 1_000_000L;
        DeviceSettings settings = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, idleUs);

        List<Episode> actual = new ArrayList<>();
        String mode = MODES[r.nextInt(MODES.length)];
        StringBuilder path = new StringBuilder(mode);
        RedTeamHarness h = CacheAttack.harness(settings, backend, mode, false, 0L);
        h.open();
        long watermarkMs = Long.MIN_VALUE;
        int late = 0;
        int n = 0;
        for (Arrival a : arrivals) {
            h.event(a.event());
            n++;
            if (r.nextInt(6) == 0) {
                long w = Math.floorDiv(a.atUs() - BOUND_US, 1000L) - 1;
                if (w > watermarkMs) {
                    watermarkMs = w;
                    h.processWatermark(w);
                }
            }
            if (r.nextInt(60) == 0) {
                OperatorSubtaskState snapshot = h.snapshot(n, n);
                actual.addAll(h.extractOutputValues());
                late += h.late();
                h.close();
                mode = MODES[r.nextInt(MODES.length)];
                path.append(" >").append(n).append("> ").append(mode);
                h = CacheAttack.harness(settings, backend, mode, false, 0L);
                h.initializeState(snapshot);
                h.open();
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        actual.addAll(h.extractOutputValues());
        late += h.late();
        h.close();
        assertEquals(0, late, "late events, seed " + seed + ": " + path);
        List<String> got = HarnessEquivalencePropertyTest.sorted(actual);
        assertEquals(expected.size(), got.size(), "episodes, seed " + seed + ": " + path);
        assertEquals(expected, got, "seed " + seed + ": " + path);
    }
}
