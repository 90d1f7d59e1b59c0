package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.device.DeviceSettings;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (issue 16): the quiet-close path with the new waiting store, then the device's expiry: events
 * still waiting when the input goes quiet are released into the closing episode, the device is later
 * forgotten with no state, timer or count left, and its stale quiet timer resurrects nothing.
 */
class QuietThenIdleTest {
    private static final long QUIET_MS = 300_000;
    private static final long HOUR_MS = 3_600_000L;

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aQuietCloseReleasesTheWaitingEventsAndTheIdleDeviceLeavesNothing(String backend) throws Exception {
        var f = new DeviceTimelineFunction(new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, 6 * HOUR_MS * 1000),
                new Pseudonymizer(new byte[32]), RedactionPolicy.DEFAULT, true, QUIET_MS);
        var h = new RedTeamHarness(f, backend);
        h.setProcessingTime(0);
        h.open();
        h.setProcessingTime(1_000);
        h.click("a", 0);
        h.click("b", 2_000);
        h.click("c", 4_000);
        h.watermarkAt(2_500); // a and b released, c waits
        h.setProcessingTime(1_000 + QUIET_MS);
        h.setProcessingTime(1_000 + QUIET_MS + 1_000);
        assertEquals(1, h.extractOutputValues().size(), "closed quietly");
        assertEquals(3, h.extractOutputValues().get(0).steps().size(), "with the click that was waiting");
        h.watermarkAt(7 * HOUR_MS);
        assertEquals(0, f.openDevices());
        assertEquals(0, h.numEventTimeTimers());
        h.setProcessingTime(100 * QUIET_MS);
        assertEquals(0, h.numProcessingTimeTimers());
        h.click("d", 7 * HOUR_MS + 60_000);
        h.processWatermark(Long.MAX_VALUE);
        assertEquals(2, h.extractOutputValues().size(), "the returning device's episode");
        assertEquals(0, f.openDevices());
        assertEquals(0, h.late());
        h.close();
    }
}
