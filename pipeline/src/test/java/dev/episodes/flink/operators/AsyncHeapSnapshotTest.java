package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.RawEvent;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
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
import org.junit.jupiter.api.Test;

/**
 * Red team (issue 16): the heap backend snapshots asynchronously and copies a value on write while a
 * snapshot runs (DeviceStateCodec.copy: an unbound copy; the mask memory and lists copied too). Events,
 * releases, closes and expiries processed between a snapshot's synchronous part and its asynchronous
 * part must neither change what the snapshot holds nor be lost by the running job: the job goes on as
 * an uninterrupted one, and a restore of the snapshot replays the rest to the same episodes.
 */
class AsyncHeapSnapshotTest {
    private static final List<RawEvent> EVENTS = Events.script()
            .context(0, "Chrome", "Inbox", "searchbox", "Search", false)
            .click(1_000, 10, 10).type(2_000, "hello there").press(4_000, "Enter", 0)
            .click(400_000, 20, 20).type(401_000, "second").click(403_000, 30, 30)
            .click(900_000, 40, 40).list();

    private static RedTeamHarness harness() throws Exception {
        var h = new RedTeamHarness(new DeviceTimelineFunction(new DeviceSettings(SessionRules.DEFAULT, 60_000_000L,
                600_000_000L), new dev.episodes.redaction.Pseudonymizer(new byte[32]),
                dev.episodes.redaction.RedactionPolicy.DEFAULT, true, 0L).planFrames(true), "hashmap");
        return h;
    }

    private static void feed(RedTeamHarness h, List<RawEvent> events) throws Exception {
        for (RawEvent e : events) {
            h.event(e);
            h.event(e); // a repeat each
            h.processWatermark(Math.floorDiv(e.tsUs(), 1000L) - 10_000);
        }
    }

    @Test
    void workDoneWhileAHeapSnapshotIsWrittenChangesNeitherTheSnapshotNorTheJob() throws Exception {
        int cut = 12;
        var straight = harness();
        straight.open();
        feed(straight, EVENTS);
        straight.processWatermark(Long.MAX_VALUE);
        List<Episode> expected = straight.extractOutputValues();
        straight.close();

        var running = harness();
        running.open();
        feed(running, EVENTS.subList(0, cut));
        List<Episode> before = new ArrayList<>(running.extractOutputValues());
        CheckpointStreamFactory streams = new JobManagerCheckpointStorage().createCheckpointStorage(new JobID())
                .resolveCheckpointStorageLocation(1L, CheckpointStorageLocationReference.getDefault());
        OperatorSnapshotFutures futures = running.getOperator().snapshotState(1L, 1L,
                CheckpointOptions.forCheckpointWithDefaultLocation(), streams);
        assertEquals(false, futures.getKeyedStateManagedFuture().isDone(), "the keyed part is still to be written");
        feed(running, EVENTS.subList(cut, EVENTS.size())); // copy-on-write while the snapshot is pending
        running.processWatermark(Events.T0_US / 1000 + 3_000_000); // past the idle time: every state cleared
        OperatorSubtaskState snapshot = OperatorSnapshotFinalizer.create(futures).getJobManagerOwnedState();
        running.processWatermark(Long.MAX_VALUE);
        List<Episode> all = new ArrayList<>(before);
        all.addAll(running.extractOutputValues());
        running.close();
        assertEquals(expected.size(), all.size(), "the running job loses or adds nothing");

        var restored = harness();
        restored.initializeState(snapshot);
        restored.open();
        feed(restored, EVENTS.subList(cut, EVENTS.size()));
        restored.processWatermark(Long.MAX_VALUE);
        List<Episode> resumed = new ArrayList<>(before);
        resumed.addAll(restored.extractOutputValues());
        restored.close();
        assertEquals(expected, resumed, "the snapshot holds the state as of its start");
    }
}
