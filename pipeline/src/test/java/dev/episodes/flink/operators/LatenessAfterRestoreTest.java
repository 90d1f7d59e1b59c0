package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.device.DeviceSettings;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team 16b: lateness is promised to be decided against event time, whatever the watermark schedule
 * and whenever the device last woke up (docs/state.md, "Lateness and dedup" and "Lifecycle"). Flink does
 * not checkpoint the watermark: after a restore the keyed stage sees {@code currentWatermark() ==
 * Long.MIN_VALUE} until the first new watermark arrives, and {@code DeviceTimelineFunction.processElement}
 * then skips both the catch-up ({@code offer(event, MIN_VALUE)}) and {@code DeviceSettings.beyondMemory}
 * (which returns false for MIN_VALUE). The same events then give different output with and without a
 * restore between them: a replay's result depends on where the checkpoint fell.
 */
class LatenessAfterRestoreTest {
    private static final long HOUR_MS = 3_600_000L;
    private static final long IDLE_US = 6 * HOUR_MS * 1000;
    private static final DeviceSettings SETTINGS = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, IDLE_US);

    private record Run(List<Episode> episodes, int late) {}

    /**
     * Promise broken: "An event more than --device-idle behind event time for a device with no state is a
     * late dead letter: it can only be a repeat of something already processed (which must not become a
     * second copy of its step under the same episode_id)". A click, the device forgotten (7 h of event
     * time), then the click re-delivered (at-least-once). Without a restore it is late (2 dead letters, one
     * episode). With a checkpoint taken after the forgetting and the repeat arriving first after the
     * restore, it is a fresh device's first event: a second episode with the same episode_id and steps.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aRepeatOfAForgottenDeviceIsLateAfterARestoreToo(String backend) throws Exception {
        Run uninterrupted = forgottenThenRepeated(backend, false);
        assertEquals(1, uninterrupted.episodes().size());
        assertEquals(2, uninterrupted.late(), "without a restore: both events of the repeat are late");

        Run restored = forgottenThenRepeated(backend, true);
        assertEquals(uninterrupted.late(), restored.late(),
                "the repeat is as late after a restore as without one; episodes after the restore: "
                        + restored.episodes().stream().map(Episode::episodeId).toList());
        assertEquals(uninterrupted.episodes(), restored.episodes(), "no second copy of the episode");
    }

    private static Run forgottenThenRepeated(String backend, boolean restore) throws Exception {
        RedTeamHarness h = new RedTeamHarness(SETTINGS, backend);
        h.open();
        h.click("c", 0);
        h.watermarkAt(HOUR_MS); // the episode closes
        h.watermarkAt(7 * HOUR_MS); // the device is idle: forgotten
        List<Episode> out = new ArrayList<>(h.extractOutputValues());
        int late = h.late();
        if (restore) {
            OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
            h.close();
            h = new RedTeamHarness(SETTINGS, backend);
            h.initializeState(snapshot);
            h.open();
        }
        h.click("c", 0); // the same click again: same ids, same times
        h.watermarkAt(7 * HOUR_MS + 1_000);
        h.processWatermark(Long.MAX_VALUE);
        if (restore) {
            out.addAll(h.extractOutputValues());
            late += h.late();
        } else {
            out = new ArrayList<>(h.extractOutputValues());
            late = h.late();
        }
        h.close();
        return new Run(out, late);
    }

    // The red team's second test (an event behind the watermark of a device that has not woken since,
    // arriving right after a restore, before any watermark) stays on feat/redteam16b: the function sees
    // watermarks only through its events and timers, so the watermark it saves can be older than the
    // operator's (docs/state.md).
}
