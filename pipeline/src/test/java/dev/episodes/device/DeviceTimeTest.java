package dev.episodes.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.RawEvent;
import dev.episodes.ordering.Admission;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.SkewedCorpus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Device clocks minutes apart (raw-events.md: clocks can be wrong by minutes) with cross-kind disorder
 * within the contract: each device is ordered in its own time, so none of its events is late and its
 * episodes are those it makes alone, whatever the other devices' clocks say. Plain Java, no Flink: the
 * keyed operator's loop over many devices with one global watermark, as a bounded-out-of-orderness
 * source emits it (the largest time seen less 10 s), at random points.
 */
class DeviceTimeTest {
    private static final long OOO_US = 10_000_000L;
    private static final long MINUTE_US = 60_000_000L;
    private static final Privacy PRIVACY = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT));

    @Test
    void aDeviceTwoMinutesBehindLosesNothingAndMakesTheEpisodesItMakesAlone() throws Exception {
        List<List<RawEvent>> devices = twoDevices(41);
        Random r = new Random(7);
        List<SkewedCorpus.Delivery> a = SkewedCorpus.deliveries(devices.get(0), 0, r);
        List<SkewedCorpus.Delivery> b = SkewedCorpus.after(a.get(0).atUs(),
                SkewedCorpus.deliveries(devices.get(1), -2 * MINUTE_US, r));
        Fleet both = Fleet.run(SkewedCorpus.interleaved(List.of(a, b)), new Random(1));
        Fleet alone = Fleet.run(SkewedCorpus.interleaved(List.of(b)), new Random(2));
        String deviceB = devices.get(1).get(0).deviceId();

        assertEquals(0, both.late, "late events; cross-kind disorder is within the contract");
        assertTrue(both.accepted > 1_000, "a corpus that exercises it: " + both.accepted);
        assertTrue(both.episodes.get(deviceB).size() > 0);
        assertEquals(alone.steps(deviceB), both.steps(deviceB), "B's steps depend on the other device's clock");
    }

    @Test
    void devicesWrittenOneAfterAnotherWithClocksMinutesOffLoseNothing() throws Exception {
        List<List<RawEvent>> devices = threeDevices(43);
        Random r = new Random(11);
        long[] skews = {0, -7 * MINUTE_US, 9 * MINUTE_US};
        List<List<SkewedCorpus.Delivery>> deliveries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveries.add(SkewedCorpus.deliveries(devices.get(i), skews[i], r));
        }
        Fleet file = Fleet.run(SkewedCorpus.oneAfterAnother(deliveries), new Random(3));

        assertEquals(0, file.late, "late events; each device's disorder is within the contract");
        for (int i = 0; i < 3; i++) {
            String id = devices.get(i).get(0).deviceId();
            Fleet alone = Fleet.run(SkewedCorpus.interleaved(List.of(deliveries.get(i))), new Random(4));
            assertTrue(alone.episodes.get(id).size() > 0);
            assertEquals(alone.steps(id), file.steps(id), "device " + id + " depends on the others in the file");
        }
    }

    @Test
    void theDeviceNeverRunsAheadOfTheGlobalWatermark() throws Exception {
        // Consent is applied at release, in event time: nothing may be released past the watermark.
        List<List<RawEvent>> devices = twoDevices(47);
        Random r = new Random(5);
        List<SkewedCorpus.Delivery> ahead = SkewedCorpus.deliveries(devices.get(1), 3 * MINUTE_US, r);
        List<RawEvent> arrivals = SkewedCorpus.interleaved(List.of(ahead,
                SkewedCorpus.after(ahead.get(0).atUs(), SkewedCorpus.deliveries(devices.get(0), 0, r))));
        Fleet f = new Fleet(new Random(9));
        f.checkBound = true;
        arrivals.forEach(f::arrive);
        f.watermark(Long.MAX_VALUE);
        assertEquals(0, f.late);
        assertTrue(f.releaseChecks > 100, "checked " + f.releaseChecks + " releases");
    }

    private static List<List<RawEvent>> twoDevices(long seed) throws Exception {
        return firstDevices(2, seed);
    }

    private static List<List<RawEvent>> threeDevices(long seed) throws Exception {
        return firstDevices(3, seed);
    }

    private static List<List<RawEvent>> firstDevices(int n, long seed) throws Exception {
        List<List<RawEvent>> all = new ArrayList<>(SkewedCorpus.devices(n, Duration.ofMinutes(40), seed).values());
        return all.subList(0, n);
    }

    /** The keyed stage over many devices: one timer each at its wake-up watermark, as the operator keeps. */
    static final class Fleet {
        private final Random random;
        private final Map<String, DeviceState> states = new LinkedHashMap<>();
        private final Map<String, Long> timers = new LinkedHashMap<>();
        final Map<String, List<Episode>> episodes = new LinkedHashMap<>();
        long watermarkUs = Long.MIN_VALUE;
        long maxSeenUs = Long.MIN_VALUE;
        int late;
        int accepted;
        boolean checkBound;
        int releaseChecks;

        Fleet(Random random) {
            this.random = random;
        }

        /** Arrivals in order; the source's watermark (largest time seen less 10 s) emitted at random points. */
        static Fleet run(List<RawEvent> arrivals, Random random) {
            Fleet f = new Fleet(random);
            arrivals.forEach(f::arrive);
            f.watermark(Long.MAX_VALUE);
            return f;
        }

        void arrive(RawEvent e) {
            DeviceState st = states.computeIfAbsent(e.deviceId(), d -> new DeviceState(SessionRules.DEFAULT,
                    60_000_000L, OOO_US));
            Admission a = st.buffer().offer(e);
            if (a == Admission.LATE) {
                late++;
            } else if (a == Admission.ACCEPTED) {
                accepted++;
            }
            timers.merge(e.deviceId(), st.wakeUpWatermarkUs(), Math::min);
            maxSeenUs = Math.max(maxSeenUs, e.tsUs());
            if (random.nextInt(40) == 0) {
                long wm = Math.floorDiv(maxSeenUs - OOO_US - 1, 1000L) * 1000L + 999L; // Flink's ms watermark
                if (wm > watermarkUs) {
                    watermark(wm);
                }
            }
        }

        void watermark(long wm) {
            watermarkUs = wm;
            for (Map.Entry<String, DeviceState> d : states.entrySet()) {
                DeviceState st = d.getValue();
                List<Episode> out = episodes.computeIfAbsent(d.getKey(), k -> new ArrayList<>());
                TimelineOutput sink = new TimelineOutput() {
                    @Override
                    public void episode(Episode episode) {
                        out.add(episode);
                    }

                    @Override
                    public void dropped(String reason) {}
                };
                Long timer = timers.get(d.getKey());
                while (timer != null && timer != Long.MAX_VALUE && timer <= wm) {
                    st.advanceTo(wm, e -> {
                        if (checkBound) {
                            assertTrue(e.tsUs() <= wm, "released " + e.tsUs() + " past the watermark " + wm);
                            releaseChecks++;
                        }
                        st.timeline().accept(e, PRIVACY, sink);
                    }, PRIVACY, sink);
                    long next = st.wakeUpWatermarkUs();
                    assertTrue(next == Long.MAX_VALUE || next > wm, "re-armed at " + next + " at the watermark " + wm);
                    timer = next;
                }
                timers.put(d.getKey(), timer);
            }
        }

        List<String> steps(String device) {
            List<String> rows = new ArrayList<>();
            for (Episode ep : episodes.getOrDefault(device, List.of())) {
                rows.add(ep.episodeId() + " " + ep.steps());
            }
            return rows;
        }
    }
}
