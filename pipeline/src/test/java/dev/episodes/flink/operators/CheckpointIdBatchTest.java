package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.session.SessionRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (stop 27, commit bfa6424): with a known device's changed ids no longer written at the
 * per-device bound, all of them reach Flink state in one {@code putAll} of a boxed map in the checkpoint's
 * synchronous part: up to the known ids' budget ({@link DeviceTimelineFunction#RESIDENT_IDS}, about a
 * million) of one device, where before a batch held at most {@code perDevice} (4,096). One busy device,
 * 12,000 ids within its retention between two checkpoints, the default sizes: the largest batch of ids
 * written. Fails with one batch of 12,000 at the snapshot; before bfa6424 batches stayed within 4,096.
 * A cost (heap and the synchronous pause of a checkpoint), not a wrong result: the ids in state are the same.
 */
class CheckpointIdBatchTest {
    private static int largestBatch() {
        return StateAccessCountTest.COUNTS.getOrDefault("seen-ids.batch", 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void idsReachStateInBatchesOfAtMostThePerDeviceBound(String backend) throws Exception {
        RedTeamHarness h = CacheAttack.harness(new DeviceSettings(SessionRules.DEFAULT, 600_000_000L,
                DeviceSettings.NEVER), backend, "on", false, 0L);
        h.open();
        KnownIdsTest.counted(h, DeviceTimelineFunction.CACHED_DEVICES, DeviceTimelineFunction.RESIDENT_IDS);
        for (int i = 0; i < 6_000; i++) { // a click every 20 ms: 12,000 ids in 120 s, within the retention
            h.click("c" + i, i * 20L);
            if (i % 10 == 9) {
                h.watermarkAt(i * 20L - 1_000);
            }
        }
        assertEquals(1, CacheAttack.cache(h).knownDevices(), "the device's ids are known");
        int before = largestBatch();
        h.snapshot(1, 1);
        int atSnapshot = largestBatch();
        h.close();
        assertTrue(atSnapshot <= DeviceTimelineFunction.PENDING_PER_DEVICE, "largest batch of ids written: "
                + atSnapshot + " (before the snapshot " + before + "), per-device bound "
                + DeviceTimelineFunction.PENDING_PER_DEVICE);
    }
}
