package dev.episodes.harness;

import dev.episodes.config.StateSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The bench's state figures: the keyed stage's cost per event at episode lengths of 10, 1,000 and 10,000
 * steps on each backend (flat if an event's work does not grow with the open episode), and what one
 * active person's device holds, by state (the sizing table's basis).
 */
final class StateBench {
    static final long EVENTS = 200_000;
    private static final int[] LENGTHS = {10, 1_000, 10_000};

    private StateBench() {}

    static void report(BenchReport report, Path dir, List<StateSettings.Backend> backends, PrintStream log) throws Exception {
        log.println("Keyed stage by episode length (warm-up)...");
        EpisodeLengthBench.run(StateSettings.Backend.HASHMAP, LENGTHS[0], EVENTS, dir);
        for (StateSettings.Backend backend : backends) {
            String b = backend.wire();
            report.section(String.format("keyed stage alone, one thread, %,d events, %s: per event by episode length", EVENTS, b));
            double[] us = new double[LENGTHS.length];
            for (int i = 0; i < LENGTHS.length; i++) {
                log.printf("Keyed stage, %s, episodes of %,d steps...%n", b, LENGTHS[i]);
                EpisodeLengthBench.Result r = EpisodeLengthBench.run(backend, LENGTHS[i], EVENTS, dir);
                us[i] = r.microsPerEvent();
                report.figure(b + "_us_per_event_at_" + LENGTHS[i] + "_steps", String.format("episodes of %,d steps", LENGTHS[i]),
                        us[i], "us/event", String.format("%,.0f events/s, %,d devices", r.eventsPerSecond(),
                                Math.max(1, EVENTS / (2L * LENGTHS[i]))));
            }
            report.figure(b + "_us_per_event_10000_vs_1000_steps", "  10,000 vs 1,000 steps", us[2] / us[1], "x",
                    "1 = flat; 10 would be linear in the episode");
        }
        report.section("one active person's device in state, 20 min into an episode (serialized bytes)");
        for (int rate : new int[] {3, 30}) {
            ActiveDeviceState.Bytes s = ActiveDeviceState.measure(rate, 20 * 60, 10);
            report.figure("active_device_bytes_at_" + rate + "_events_per_s", rate + " events/s", s.total(), "bytes",
                    String.format("device %,d, waiting %,d (%d events), seen-ids %,d (%d ids), open steps %,d (%d steps)",
                            s.device(), s.waiting(), s.waitingEvents(), s.seenIds(), s.ids(), s.openSteps(), s.steps()));
        }
    }
}
