package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.session.SessionRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (write-behind cache): docs/state.md says the cache is bounded, "4,096 pending ids or steps per
 * device (then written back; a replay without checkpoints stays bounded)". In a replay event time runs far
 * ahead between two watermarks and thousands of events wait per device (WaitingEvents' javadoc): on
 * RocksDB Flink's own operator keeps them on disk, the cache keeps every one on the heap until a release or
 * a checkpoint. One device, 20,000 events and no watermark and no checkpoint: what the cache holds for it
 * must stay within the per-device bound (waiting events + ids + steps at most 2 x 4,096 + 4,096).
 */
class PendingHeapBoundTest {
    @ParameterizedTest
    @ValueSource(strings = {"rocksdb", "hashmap"})
    void aReplayWithoutWatermarksOrCheckpointsKeepsTheCacheBounded(String backend) throws Exception {
        RedTeamHarness h = CacheAttack.harness(new DeviceSettings(SessionRules.DEFAULT, 60_000_000L,
                DeviceSettings.NEVER), backend, "on", false, 0L);
        h.open();
        DeviceCache cache = CacheAttack.cache(h);
        long most = 0;
        for (int i = 0; i < 10_000; i++) {
            h.click("c" + i, i * 300L); // a click every 300 ms: 20,000 events, no watermark yet
            most = Math.max(most, CacheAttack.heldOnHeap(cache));
        }
        long bound = 3L * DeviceTimelineFunction.PENDING_PER_DEVICE;
        long held = most;
        h.close();
        assertTrue(held <= bound, "the cache held " + held + " objects for one device (bound " + bound + ")");
    }
}
