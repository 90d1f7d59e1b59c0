package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertAll;
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
import dev.episodes.testing.Events;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Red team (issue 16): the {@code openDevices} gauge is documented as "the devices with state on a
 * subtask, checkpointed so it survives restores and sums right after rescaling". It is one long in
 * operator ListState, redistributed round-robin on rescale, while the devices it counts move with
 * their key groups: after scaling 1 -> 2 one subtask reports every device and the other none, and as
 * the devices of the second expire its gauge goes negative.
 */
class OpenDevicesRescaleTest {
    private static final int MAX_PARALLELISM = 128;
    private static final long HOUR_MS = 3_600_000L;
    private static final long IDLE_US = 6 * HOUR_MS * 1000;

    static final class Harness extends KeyedBroadcastOperatorTestHarness<String, RawEvent, RawEvent, Episode> {
        final DeviceTimelineFunction function;

        Harness(DeviceTimelineFunction f, int parallelism, int subtask) throws Exception {
            super(new DeviceTimelineOperator(f),
                    DeviceTimelineFunction::keyOf, Types.STRING, MAX_PARALLELISM, parallelism, subtask);
            this.function = f;
            setStateBackend(new HashMapStateBackend());
            setup(PipelineTypes.EPISODE.createSerializer(new SerializerConfigImpl()));
        }

        @Override
        public void processWatermark(long ms) throws Exception {
            super.processBroadcastWatermark(ms);
            super.processWatermark(ms);
        }
    }

    private static DeviceTimelineFunction function() {
        return new DeviceTimelineFunction(new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, IDLE_US),
                new Pseudonymizer(new byte[32]), RedactionPolicy.DEFAULT, true, 0L);
    }

    private static int subtaskOf(String user, String device, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(user + '\u0000' + device, MAX_PARALLELISM,
                parallelism);
    }

    private static void click(Harness h, String user, String device, long ms) throws Exception {
        long us = Events.us(ms);
        h.processElement(new MouseEvent(user + device + ms + "d", user, device, us, 1, MouseEvent.Action.DOWN, 5, 5,
                MouseEvent.Button.LEFT, 0, 0), Math.floorDiv(us, 1000L));
        h.processElement(new MouseEvent(user + device + ms + "u", user, device, us + 80_000, 2, MouseEvent.Action.UP,
                5, 5, MouseEvent.Button.LEFT, 0, 0), Math.floorDiv(us, 1000L) + 80);
    }

    @Test
    void afterScalingOneToTwoEachSubtaskCountsItsOwnDevicesAndNeverGoesNegative() throws Exception {
        // Six devices, three on each subtask once scaled to two.
        List<String> onZero = new ArrayList<>();
        List<String> onOne = new ArrayList<>();
        for (int d = 0; onZero.size() < 3 || onOne.size() < 3; d++) {
            String device = "d-" + d;
            List<String> side = subtaskOf(Events.USER, device, 2) == 0 ? onZero : onOne;
            if (side.size() < 3) {
                side.add(device);
            }
        }
        Harness single = new Harness(function(), 1, 0);
        single.open();
        for (String device : onZero) {
            click(single, Events.USER, device, 0);
        }
        for (String device : onOne) {
            click(single, Events.USER, device, 0);
        }
        assertEquals(6, single.function.openDevices());
        OperatorSubtaskState snapshot = single.snapshot(1L, 1L);
        single.close();

        long[] counts = new long[2];
        long[] afterExpiry = new long[2];
        for (int subtask = 0; subtask < 2; subtask++) {
            Harness h = new Harness(function(), 2, subtask);
            h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, MAX_PARALLELISM, 1,
                    2, subtask));
            h.open();
            counts[subtask] = h.function.openDevices();
            h.processWatermark(Events.T0_US / 1000 + 7 * HOUR_MS); // every device idle: all expire
            assertEquals(3, h.extractOutputValues().size(), "subtask " + subtask + " closes its three devices");
            afterExpiry[subtask] = h.function.openDevices();
            h.close();
        }
        assertEquals(6, counts[0] + counts[1], "the sum is right (this holds)");
        assertAll(
                () -> assertEquals(3, counts[0], "subtask 0 holds three devices' state; its gauge says " + counts[0]),
                () -> assertEquals(3, counts[1], "subtask 1 holds three devices' state; its gauge says " + counts[1]),
                () -> assertTrue(afterExpiry[0] >= 0 && afterExpiry[1] >= 0,
                        "a count of devices is never negative; after expiry the gauges read " + afterExpiry[0]
                                + " and " + afterExpiry[1]));
    }
}
