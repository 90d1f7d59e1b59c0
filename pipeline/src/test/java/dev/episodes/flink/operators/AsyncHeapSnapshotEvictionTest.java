package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.RawEvent;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.CheckpointOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.CheckpointStorageLocationReference;
import org.apache.flink.runtime.state.CheckpointStreamFactory;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFinalizer;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFutures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Red team (write-behind cache): the heap backend's asynchronous snapshot shares objects with the running
 * job until copy-on-write. While it is being written, a cache of one or two devices evicts and writes back
 * all the time (objects it read after the synchronous part, the device values of several devices, waiting
 * lists rewritten by releases, steps by the per-device bound). The snapshot must hold the state as of its
 * start (a restore replays the rest to Flink's own output) and the running job must lose nothing.
 */
class AsyncHeapSnapshotEvictionTest {
    private static final DeviceSettings SETTINGS = new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, 10_000_000L);

    private static void feed(RedTeamHarness h, List<RawEvent> events, int from) throws Exception {
        int n = from;
        for (RawEvent e : events) {
            h.event(e);
            if (++n % 10 == 0) {
                h.processWatermark(Math.floorDiv(e.tsUs(), 1000L) - 2_000);
            }
        }
    }

    @ParameterizedTest(name = "cache {0}, cut {1}")
    @CsvSource({"1x1,100", "2x2,250", "on,400", "1x3,333"})
    void evictionsWhileAHeapSnapshotIsWrittenChangeNeitherTheSnapshotNorTheJob(String mode, int cut) throws Exception {
        List<RawEvent> events = CacheAttack.interleaved(59, 4, Duration.ofSeconds(90));
        RedTeamHarness straight = CacheAttack.harness(SETTINGS, "hashmap", "off", true, 0L);
        straight.open();
        feed(straight, events, 0);
        straight.processWatermark(Long.MAX_VALUE);
        List<String> expected = HarnessEquivalencePropertyTest.sorted(straight.extractOutputValues());
        straight.close();

        RedTeamHarness running = CacheAttack.harness(SETTINGS, "hashmap", mode, true, 0L);
        running.open();
        feed(running, events.subList(0, cut), 0);
        List<Episode> before = new ArrayList<>(running.extractOutputValues());
        CheckpointStreamFactory streams = new JobManagerCheckpointStorage().createCheckpointStorage(new JobID())
                .resolveCheckpointStorageLocation(1L, CheckpointStorageLocationReference.getDefault());
        OperatorSnapshotFutures futures = running.getOperator().snapshotState(1L, 1L,
                CheckpointOptions.forCheckpointWithDefaultLocation(), streams);
        assertFalse(futures.getKeyedStateManagedFuture().isDone(), "the keyed part is still to be written");
        feed(running, events.subList(cut, events.size()), cut); // evictions while the snapshot is pending
        OperatorSubtaskState snapshot = OperatorSnapshotFinalizer.create(futures).getJobManagerOwnedState();
        running.processWatermark(Long.MAX_VALUE);
        List<Episode> all = new ArrayList<>(before);
        all.addAll(running.extractOutputValues());
        running.close();
        assertEquals(expected, HarnessEquivalencePropertyTest.sorted(all), "the running job");

        for (String into : new String[] {"off", mode}) {
            RedTeamHarness restored = CacheAttack.harness(SETTINGS, "hashmap", into, true, 0L);
            restored.initializeState(snapshot);
            restored.open();
            feed(restored, events.subList(cut, events.size()), cut);
            restored.processWatermark(Long.MAX_VALUE);
            List<Episode> resumed = new ArrayList<>(before);
            resumed.addAll(restored.extractOutputValues());
            restored.close();
            assertEquals(expected, HarnessEquivalencePropertyTest.sorted(resumed), "the snapshot, restored into " + into);
        }
    }
}
