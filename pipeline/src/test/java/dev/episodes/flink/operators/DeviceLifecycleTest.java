package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.session.SplitOn;
import dev.episodes.testing.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The device's state lifecycle in the operator, on both state backends: idle devices are closed and
 * cleared, a returning device gets what it would have got had it never been forgotten, the count of open
 * devices follows and survives a restore, and configuration comes from the job, not from restored state.
 */
class DeviceLifecycleTest {
    private static final long HOUR_MS = 3_600_000L;
    private static final long IDLE_US = 6 * HOUR_MS * 1000;
    private static final String[] STATES = {"device", "waiting", "seen-ids", "open-steps", "masks"};

    static final class Harness extends KeyedBroadcastOperatorTestHarness<String, RawEvent, RawEvent, Episode> {
        final DeviceTimelineFunction function;

        Harness(DeviceTimelineFunction f, StateBackend backend) throws Exception {
            super(new DeviceTimelineOperator(f),
                    DeviceTimelineFunction::keyOf, Types.STRING, 1, 1, 0);
            this.function = f;
            setStateBackend(backend);
            setup(PipelineTypes.EPISODE.createSerializer(new SerializerConfigImpl()));
        }

        @Override
        public void processWatermark(long ms) throws Exception {
            super.processBroadcastWatermark(ms);
            super.processWatermark(ms);
        }

        /** As KeyedOneInputStreamOperatorTestHarness counts them: entries of every keyed state (heap backend). */
        int numKeyedStateEntries() {
            @SuppressWarnings("unchecked")
            var backend = ((AbstractStreamOperator<Episode>) getOperator()).getKeyedStateBackend();
            return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
        }

        /** Keys holding any of the device's states: what a backend keeps for them. */
        long keysWithState() throws Exception {
            @SuppressWarnings("unchecked")
            var backend = ((AbstractStreamOperator<Episode>) getOperator()).getKeyedStateBackend();
            long n = 0;
            for (String state : STATES) {
                try (var keys = backend.getKeys(state, VoidNamespace.INSTANCE)) {
                    n += keys.count();
                }
            }
            return n;
        }
    }

    private static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    private static DeviceTimelineFunction function(SessionRules rules, long idleUs) {
        return new DeviceTimelineFunction(new DeviceSettings(rules, 60_000_000L, idleUs),
                new Pseudonymizer(new byte[32]), RedactionPolicy.DEFAULT, true, 0L).planFrames(true);
    }

    private static Harness open(DeviceTimelineFunction f, String backend) throws Exception {
        Harness h = new Harness(f, backend(backend));
        h.open();
        return h;
    }

    /** A click by one person on one device at {@code ms} after T0 (a press and a release 80 ms later). */
    private static List<RawEvent> click(String user, String device, long ms) {
        long us = Events.us(ms);
        String id = user + "/" + device + "/" + ms;
        return List.of(
                new MouseEvent(id + "/d", user, device, us, 1, MouseEvent.Action.DOWN, 5, 5, MouseEvent.Button.LEFT, 0, 0),
                new MouseEvent(id + "/u", user, device, us + 80_000, 2, MouseEvent.Action.UP, 5, 5, MouseEvent.Button.LEFT, 0, 0));
    }

    private static void feed(Harness h, List<RawEvent> events) throws Exception {
        for (RawEvent e : events) {
            h.processElement(e, Math.floorDiv(e.tsUs(), 1000L));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void idleDevicesAreClosedAndClearedAndTheCountFollows(String backend) throws Exception {
        Harness h = open(function(SessionRules.DEFAULT, IDLE_US), backend);
        for (int d = 0; d < 3; d++) {
            feed(h, click("u-" + d, "d-" + d, d * 1_000L));
            feed(h, click("u-" + d, "d-" + d, d * 1_000L + 2_000));
        }
        assertEquals(3, h.function.openDevices());
        h.processWatermark(Events.T0_US / 1000 + 60_000);
        assertTrue(h.extractOutputValues().isEmpty(), "within the session gap: still open");
        assertEquals(3, h.function.pendingDevices(), "written behind: in the cache until a checkpoint");
        h.snapshot(1L, 1L); // what a checkpoint sees: the cache written back
        assertEquals(0, h.function.pendingDevices());
        assertTrue(h.keysWithState() >= 6, "device and open-steps state for each of the 3");
        if (backend.equals("hashmap")) {
            assertTrue(h.numKeyedStateEntries() >= 6);
        }

        h.processWatermark(Events.T0_US / 1000 + HOUR_MS); // the gap passed: episodes closed, state kept
        assertEquals(3, h.extractOutputValues().size());
        assertEquals(3, h.function.openDevices(), "closed episodes, but the devices are not idle yet");

        h.processWatermark(Events.T0_US / 1000 + 7 * HOUR_MS); // past the idle time of all three
        assertEquals(0, h.keysWithState(), "no state left for any device");
        if (backend.equals("hashmap")) {
            assertEquals(0, h.numKeyedStateEntries());
        }
        assertEquals(0, h.function.pendingDevices(), "nor in the cache");
        assertEquals(0, h.function.openDevices());
        assertEquals(0, h.numEventTimeTimers(), "no timer left");
        assertEquals(3, h.extractOutputValues().size(), "nothing more emitted, nothing lost");
        h.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aDeviceForgottenWithItsEpisodeOpenClosesItFirst(String backend) throws Exception {
        // An idle time shorter than the gap (only a direct construction allows it): the open episode is closed, not lost.
        SessionRules longGap = new SessionRules(Duration.ofHours(10), Duration.ofHours(20), SplitOn.NONE);
        Harness h = open(function(longGap, IDLE_US), backend);
        feed(h, click(Events.USER, Events.DEVICE, 0));
        h.processWatermark(Events.T0_US / 1000 + 7 * HOUR_MS);
        assertEquals(1, h.extractOutputValues().size(), "closed when forgotten");
        assertEquals(0, h.keysWithState());
        h.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aReturningDeviceGetsWhatItWouldHaveGotHadItNeverBeenForgotten(String backend) throws Exception {
        List<RawEvent> days = new ArrayList<>();
        for (long ms = 0; ms < 5_000; ms += 1_000) {
            days.addAll(click(Events.USER, Events.DEVICE, ms));
        }
        long later = 2 * 24 * HOUR_MS; // two days on: forgotten between
        for (long ms = later; ms < later + 5_000; ms += 1_000) {
            days.addAll(click(Events.USER, Events.DEVICE, ms));
        }
        List<List<Episode>> outputs = new ArrayList<>();
        for (long idle : new long[] {IDLE_US, DeviceSettings.NEVER}) {
            Harness h = open(function(SessionRules.DEFAULT, idle), backend);
            for (RawEvent e : days) {
                h.processElement(e, Math.floorDiv(e.tsUs(), 1000L));
                h.processWatermark(Math.floorDiv(e.tsUs(), 1000L) - 1); // event time moves with the input
            }
            h.processWatermark(Long.MAX_VALUE);
            outputs.add(h.extractOutputValues());
            h.close();
        }
        assertEquals(2, outputs.get(0).size());
        assertEquals(outputs.get(1), outputs.get(0), "the same episodes, ids and steps, forgotten or not");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void theOpenDeviceCountAndTheJobsConfigurationAreWhatARestoreUses(String backend) throws Exception {
        SessionRules fiveMinutes = SessionRules.DEFAULT;
        Harness first = open(function(fiveMinutes, IDLE_US), backend);
        feed(first, click("u-a", "d-a", 0));
        feed(first, click("u-b", "d-b", 0));
        first.processWatermark(Events.T0_US / 1000 + 1_000);
        OperatorSubtaskState snapshot = first.snapshot(1L, 1L);
        first.close();

        // Restored with a one-minute gap: the open episodes close a minute after their last event, not five.
        SessionRules oneMinute = new SessionRules(Duration.ofMinutes(1), fiveMinutes.maxLength(), fiveMinutes.splitOn());
        Harness second = new Harness(function(oneMinute, IDLE_US), backend(backend));
        second.initializeState(snapshot);
        second.open();
        assertEquals(2, second.function.openDevices(), "restored from operator state");
        second.processWatermark(Events.T0_US / 1000 + 80 + 60_000);
        assertEquals(2, second.extractOutputValues().size(), "the restored job's gap applies to restored state");
        second.processWatermark(Events.T0_US / 1000 + 7 * HOUR_MS);
        assertEquals(0, second.function.openDevices());
        assertEquals(0, second.keysWithState());
        second.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aNewDevicesFirstEventBehindTheWatermarkIsAcceptedAndItsStateStillExpires(String backend) throws Exception {
        Harness h = open(function(SessionRules.DEFAULT, IDLE_US), backend);
        feed(h, click("u-a", "d-a", 10 * 60_000L)); // another device moves event time ten minutes on
        h.processWatermark(Events.T0_US / 1000 + 10 * 60_000L);
        feed(h, click("u-late", "d-late", 0)); // a new device, its first events ten minutes behind
        assertTrue(h.getSideOutput(DeviceTimelineFunction.LATE) == null
                || h.getSideOutput(DeviceTimelineFunction.LATE).isEmpty(), "a new device's events are ordered, not late");
        assertEquals(2, h.function.openDevices());
        h.processWatermark(Events.T0_US / 1000 + 8 * HOUR_MS);
        assertEquals(2, h.extractOutputValues().size(), "both devices' episodes");
        assertEquals(0, h.keysWithState(), "and neither device's state is left behind");
        assertEquals(0, h.function.openDevices());
        h.close();
    }
}
