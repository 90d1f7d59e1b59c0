package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.device.DeviceSettings;
import dev.episodes.session.SessionRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (issue 16): "whether an id is remembered is decided at lookup, exactly as before". Before, the
 * device's timer woke at each released id's forget time, so a repeat arriving once the watermark had passed
 * its retention found the id forgotten and its time released: a {@code late} dead letter, as ReorderBuffer's
 * javadoc promises ("a repeat arriving after that ... is reported late, never lost"). Now the lookup
 * compares with {@code releasedUpTo}, which only moves when a timer fires, and after the first sweep the
 * forget timer is spaced half a retention apart: a repeat arriving in between is silently counted as a
 * duplicate, and the dead-letter output (and its count) differs from before. Both tests pass at c781b91^
 * (ids in the device state, a timer at each forget time) and fail since c781b91.
 */
class DedupAcrossSweepsTest {
    private static final long RETENTION_US = 60_000_000L;

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aRepeatArrivingAfterItsRetentionIsReportedLateAsBefore(String backend) throws Exception {
        var h = new RedTeamHarness(new DeviceSettings(SessionRules.DEFAULT, RETENTION_US), backend);
        h.open();
        h.click("a", 0);
        h.click("b", 20_000);
        h.watermarkAt(30_000); // both clicks released
        h.watermarkAt(61_000); // a's ids forgotten and swept; b's (20 s) remembered until 80 s + 1 us
        h.watermarkAt(85_000); // the watermark is past b's retention: b is forgotten
        h.event(RedTeamHarness.press("b/d", 20_000)); // at-least-once delivery repeats b's press now
        assertEquals(1, h.late(),
                "a repeat 5 s past its retention: before, a late dead letter; now counted as a duplicate ("
                        + h.late() + " late)");
        h.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void anEventFifteenSecondsBehindTheWatermarkIsLateWhateverTheSweepTimers(String backend) throws Exception {
        // The same lag of releasedUpTo: before, the forget timer at 80 s had released to the watermark and
        // this event was late; now it is accepted into the open episode, 15 s behind event time. Whether an
        // event is late now depends on the dedup sweep's spacing (half the --dedup-retention).
        var h = new RedTeamHarness(new DeviceSettings(SessionRules.DEFAULT, RETENTION_US), backend);
        h.open();
        h.click("a", 0);
        h.click("b", 20_000);
        h.watermarkAt(30_000);
        h.watermarkAt(61_000);
        h.watermarkAt(85_000);
        h.event(RedTeamHarness.press("c/d", 70_000));
        assertEquals(1, h.late(), "an event 15 s behind the watermark: late before, accepted now");
        h.close();
    }
}
