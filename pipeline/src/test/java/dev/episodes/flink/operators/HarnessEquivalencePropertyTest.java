package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.device.DeviceSettings;
import dev.episodes.device.OfflineTimelines;
import dev.episodes.device.Privacy;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.generate.ActivityGenerator;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.io.StringWriter;
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
 * Red team (issue 16): the keyed stage, state split into five stores, must give exactly the episodes the
 * domain code gives offline ({@link OfflineTimelines}: per device, in EventOrder, repeats dropped) for
 * any input the contract allows: a generated corpus re-delivered out of order within the out-of-orderness,
 * with extra repeats, random bounded-out-of-orderness watermarks (no event is ever late), snapshots and
 * restores at random points, on both backends, with devices never forgotten and with the shortest idle
 * time PipelineConfig accepts; with device state written behind (the streaming operator, also with a cache
 * so small that it writes back at every other event) and without (BATCH's operator). A seeded loop; a
 * failure names the seed.
 */
class HarnessEquivalencePropertyTest {
    private static final long BOUND_US = 3_000_000L; // disorder of the re-delivery
    private static final long RETENTION_US = 60_000_000L;
    private static final Privacy PRIVACY = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT));

    private static List<RawEvent> corpus(long seed) throws Exception {
        return corpus(seed, 2, Duration.ofMinutes(12));
    }

    /** {@code people}'s activity events (no consent) for {@code length}, as the decoder gives them. */
    static List<RawEvent> corpus(long seed, int people, Duration length) throws Exception {
        StringWriter w = new StringWriter();
        ActivityGenerator.write(new GeneratorSettings(people, length, seed, GeneratorSettings.DEFAULT_START,
                0.03, 0.0, Duration.ofSeconds(2)), w);
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(TimeBounds.Y2000_US,
                TimeBounds.micros(GeneratorSettings.DEFAULT_START.plus(Duration.ofDays(1)))));
        List<RawEvent> events = new ArrayList<>();
        for (String line : w.toString().split("\n")) {
            if (decoder.decode(line) instanceof DecodeResult.Decoded d && !(d.event() instanceof ConsentEvent)) {
                events.add(d.event());
            }
        }
        return events;
    }

    /**
     * Episodes by id, as text without the steps' {@code gapBeforeUs}: an internal field (the sessionizer's
     * split rule; not a column of the contract) that a device forgotten and back measures from its first
     * new event instead of its last old one, without changing any split (the returning device has no open
     * episode anyway).
     */
    static List<String> sorted(List<Episode> episodes) {
        List<Episode> s = new ArrayList<>(episodes);
        s.sort(Comparator.comparing(Episode::episodeId));
        return s.stream().map(e -> e.toString().replaceAll("gapBeforeUs=-?\\d+", "gapBeforeUs=_")).toList();
    }

    @ParameterizedTest(name = "seed {0}, {1}, idle {2}, cache {3}")
    @CsvSource({"11,hashmap,never,on", "11,rocksdb,never,on", "12,hashmap,300,on", "12,rocksdb,300,on",
            "13,hashmap,300,on", "14,rocksdb,never,on", "15,hashmap,never,on", "16,hashmap,300,on",
            "11,hashmap,never,off", "12,rocksdb,300,off", "17,hashmap,300,tiny", "17,rocksdb,300,tiny",
            "18,rocksdb,never,tiny", "19,hashmap,never,tiny"})
    void theKeyedStageGivesTheOfflineEpisodes(long seed, String backend, String idle, String cache) throws Exception {
        List<RawEvent> events = corpus(seed);
        Set<String> ids = new HashSet<>();
        List<RawEvent> unique = new ArrayList<>();
        for (RawEvent e : events) {
            if (ids.add(e.eventId())) {
                unique.add(e);
            }
        }
        List<String> expected = sorted(OfflineTimelines.episodes(unique, PRIVACY, SessionRules.DEFAULT));

        Random r = new Random(seed);
        // Re-delivery: each event (and a few more repeats) at its time plus a delay within the bound.
        record Arrival(long atUs, RawEvent event) {}
        List<Arrival> arrivals = new ArrayList<>();
        for (RawEvent e : events) {
            arrivals.add(new Arrival(e.tsUs() + (long) (r.nextDouble() * BOUND_US), e));
            if (r.nextInt(20) == 0) {
                arrivals.add(new Arrival(e.tsUs() + (long) (r.nextDouble() * BOUND_US), e));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::atUs));

        long idleUs = idle.equals("never") ? DeviceSettings.NEVER : Long.parseLong(idle) * 1_000_000L;
        DeviceSettings settings = new DeviceSettings(SessionRules.DEFAULT, RETENTION_US, idleUs);
        List<Episode> actual = new ArrayList<>();
        RedTeamHarness h = new RedTeamHarness(settings, backend, cache);
        h.open();
        long watermarkMs = Long.MIN_VALUE;
        int restores = 0;
        for (Arrival a : arrivals) {
            h.event(a.event());
            if (r.nextInt(8) == 0) { // every future event has ts >= atUs - BOUND: a watermark below it is safe
                long w = Math.floorDiv(a.atUs() - BOUND_US, 1000L) - 1;
                if (w > watermarkMs) {
                    watermarkMs = w;
                    h.processWatermark(w);
                }
            }
            if (r.nextInt(1500) == 0 && restores < 3) {
                OperatorSubtaskState snapshot = h.snapshot(restores, restores);
                actual.addAll(h.extractOutputValues());
                h.close();
                h = new RedTeamHarness(settings, backend, cache);
                h.initializeState(snapshot);
                h.open();
                restores++;
            }
        }
        assertEquals(0, h.late(), "the watermarks never make an event late (seed " + seed + ")");
        h.processWatermark(Long.MAX_VALUE);
        actual.addAll(h.extractOutputValues());
        h.close();
        List<String> got = sorted(actual);
        assertEquals(expected.size(), got.size(), "episodes (seed " + seed + ", " + restores + " restores)");
        assertEquals(expected, got, "seed " + seed + ", " + restores + " restores");
    }
}
