package dev.episodes.device;

import dev.episodes.masking.MaskPlanner;
import dev.episodes.ordering.SeenIds;
import dev.episodes.ordering.WaitingEvents;
import dev.episodes.session.OpenSteps;

/**
 * The parts of a device's state that an event does not touch, kept apart from {@link DeviceState} (which
 * every event reads and writes): the events waiting for the watermark (appended, read at a release),
 * the ids of waiting and released events (one looked up per event), the open episode's steps (appended,
 * read at its close) and the mask memory (read and
 * written only when an episode with frames closes). In a job they are Flink states of
 * their own; here, or in tests, they are on the heap.
 */
public interface DeviceStores {
    OpenSteps openSteps();

    SeenIds seenIds();

    WaitingEvents waitingEvents();

    /** The device's mask memory, new if it has none. Changes to it count once {@link #saveMasks} is called. */
    MaskPlanner loadMasks();

    void saveMasks(MaskPlanner masks);

    /** Heap stores: what tests and offline timelines use. */
    static DeviceStores inMemory() {
        return new DeviceStores() {
            private final OpenSteps steps = OpenSteps.inMemory();
            private final SeenIds ids = SeenIds.inMemory();
            private final WaitingEvents waiting = WaitingEvents.inMemory();
            private MaskPlanner masks = new MaskPlanner();

            @Override
            public OpenSteps openSteps() {
                return steps;
            }

            @Override
            public SeenIds seenIds() {
                return ids;
            }

            @Override
            public WaitingEvents waitingEvents() {
                return waiting;
            }

            @Override
            public MaskPlanner loadMasks() {
                return masks;
            }

            @Override
            public void saveMasks(MaskPlanner m) {
                masks = m;
            }
        };
    }
}
