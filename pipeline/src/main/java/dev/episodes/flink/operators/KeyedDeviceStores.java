package dev.episodes.flink.operators;

import dev.episodes.device.DeviceStores;
import dev.episodes.masking.MaskPlanner;
import dev.episodes.reduction.Step;
import dev.episodes.session.OpenSteps;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;

/**
 * A device's other stores as Flink keyed state, scoped to the operator's current key: one instance serves
 * every key. Steps are list state (an append is a merge on RocksDB: no read), the mask memory value state.
 */
final class KeyedDeviceStores implements DeviceStores, OpenSteps {
    private final ListState<Step> steps;
    private final ValueState<MaskPlanner> masks;

    KeyedDeviceStores(ListState<Step> steps, ValueState<MaskPlanner> masks) {
        this.steps = steps;
        this.masks = masks;
    }

    @Override
    public OpenSteps openSteps() {
        return this;
    }

    @Override
    public void add(Step step) {
        try {
            steps.add(step);
        } catch (Exception e) {
            throw new IllegalStateException("cannot append to the open episode's steps", e);
        }
    }

    @Override
    public List<Step> takeAll() {
        try {
            List<Step> all = new ArrayList<>();
            Iterable<Step> stored = steps.get();
            if (stored != null) {
                stored.forEach(all::add);
            }
            steps.clear();
            return all;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the open episode's steps", e);
        }
    }

    @Override
    public MaskPlanner loadMasks() {
        try {
            MaskPlanner m = masks.value();
            return m == null ? new MaskPlanner() : m;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the mask memory", e);
        }
    }

    @Override
    public void saveMasks(MaskPlanner m) {
        try {
            masks.update(m);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the mask memory", e);
        }
    }

    /** Forgets the device: its steps and mask memory (the caller clears the device state). */
    void clear() {
        steps.clear();
        masks.clear();
    }
}
