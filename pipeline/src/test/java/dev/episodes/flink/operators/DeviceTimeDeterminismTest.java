package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.SkewedCorpus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The operator on devices whose clocks are minutes apart, with watermarks at random points (as a
 * replay's periodic watermarks fall wherever the reader is): the episodes are the same for every
 * schedule and no in-contract event is late. Before device time, a device behind the others lost about
 * half its events as late, a different number per schedule.
 */
class DeviceTimeDeterminismTest {
    private static final long OOO_US = 10_000_000L;
    private static final long MINUTE_US = 60_000_000L;

    private static KeyedBroadcastOperatorTestHarness<String, RawEvent, RawEvent, Episode> harness() throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<String, RawEvent, RawEvent, Episode>(
                new CoBroadcastWithKeyedOperator<>(new DeviceTimelineFunction(SessionRules.DEFAULT, 60_000_000L,
                        new Pseudonymizer(new byte[32]), RedactionPolicy.DEFAULT, true, 0L, OOO_US),
                        List.of(DeviceTimelineFunction.CONSENT)), DeviceTimelineFunction::keyOf, Types.STRING, 1, 1, 0);
        h.setup(PipelineTypes.EPISODE.createSerializer(new SerializerConfigImpl()));
        h.open();
        return h;
    }

    private record Run(List<String> episodes, int late) {}

    private static Run run(List<RawEvent> arrivals, Random schedule) throws Exception {
        var h = harness();
        long maxUs = Long.MIN_VALUE;
        long watermarkMs = Long.MIN_VALUE;
        int next = 1 + schedule.nextInt(400);
        for (RawEvent e : arrivals) {
            h.processElement(e, Math.floorDiv(e.tsUs(), 1000L));
            maxUs = Math.max(maxUs, e.tsUs());
            if (--next == 0) { // a bounded-out-of-orderness watermark, emitted wherever the schedule says
                long ms = Math.floorDiv(maxUs - OOO_US - 1, 1000L);
                if (ms > watermarkMs) {
                    watermarkMs = ms;
                    h.processBroadcastWatermark(ms);
                    h.processWatermark(ms);
                }
                next = 1 + schedule.nextInt(schedule.nextBoolean() ? 20 : 2_000);
            }
        }
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.processWatermark(Long.MAX_VALUE);
        List<Episode> out = new ArrayList<>(h.extractOutputValues());
        out.sort(Comparator.comparing(Episode::episodeId));
        var late = h.getSideOutput(DeviceTimelineFunction.LATE);
        int lateCount = late == null ? 0 : late.size();
        h.close();
        return new Run(out.stream().map(ep -> ep.episodeId() + " " + ep.steps()).toList(), lateCount);
    }

    @Test
    void skewedClocksGiveTheSameEpisodesForEveryWatermarkSchedule() throws Exception {
        List<List<RawEvent>> devices = new ArrayList<>(SkewedCorpus.devices(3, Duration.ofMinutes(25), 61).values());
        Random r = new Random(13);
        List<SkewedCorpus.Delivery> ahead = SkewedCorpus.deliveries(devices.get(0), 3 * MINUTE_US, r);
        long start = ahead.get(0).atUs(); // the device ahead runs first (see SkewedCorpus.after)
        List<RawEvent> arrivals = SkewedCorpus.interleaved(List.of(ahead,
                SkewedCorpus.after(start, SkewedCorpus.deliveries(devices.get(1), -2 * MINUTE_US, r)),
                SkewedCorpus.after(start, SkewedCorpus.deliveries(devices.get(2), 0, r))));

        Run first = run(arrivals, new Random(100));
        assertEquals(0, first.late(), "late events for in-contract disorder");
        assertTrue(first.episodes().size() > 5, first.episodes().size() + " episodes");
        for (long seed = 101; seed < 105; seed++) {
            Run other = run(arrivals, new Random(seed));
            assertEquals(0, other.late(), "late events with watermark schedule " + seed);
            assertEquals(first.episodes(), other.episodes(), "episodes differ with watermark schedule " + seed);
        }
    }
}
