package dev.episodes.flink.operators;

import dev.episodes.device.DeviceStores;
import dev.episodes.masking.MaskPlanner;
import dev.episodes.event.RawEvent;
import dev.episodes.ordering.SeenIds;
import dev.episodes.ordering.WaitingEvents;
import dev.episodes.reduction.Step;
import dev.episodes.session.OpenSteps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * A device's other stores as Flink keyed state, scoped to the operator's current key: one instance serves
 * every key. Waiting events are list state (appended; read and rewritten once per release), steps are list state (an append is a merge on RocksDB: no read), released ids map state (one
 * lookup per event, one write per release), the mask memory value state.
 */
final class KeyedDeviceStores implements DeviceStores, OpenSteps, SeenIds, WaitingEvents {
    private final ListState<RawEvent> waiting;
    private final MapState<Long, Long> ids;
    private final ListState<Step> steps;
    private final ValueState<MaskPlanner> masks;

    KeyedDeviceStores(ListState<RawEvent> waiting, MapState<Long, Long> ids, ListState<Step> steps,
            ValueState<MaskPlanner> masks) {
        this.waiting = waiting;
        this.ids = ids;
        this.steps = steps;
        this.masks = masks;
    }

    @Override
    public WaitingEvents waitingEvents() {
        return this;
    }

    @Override
    public void add(RawEvent event) {
        try {
            waiting.add(event);
        } catch (Exception e) {
            throw new IllegalStateException("cannot append to the waiting events", e);
        }
    }

    @Override
    public List<RawEvent> all() {
        try {
            List<RawEvent> all = new ArrayList<>();
            Iterable<RawEvent> stored = waiting.get();
            if (stored != null) {
                stored.forEach(all::add);
            }
            return all;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the waiting events", e);
        }
    }

    @Override
    public void replace(List<RawEvent> rest) {
        try {
            if (rest.isEmpty()) {
                waiting.clear();
            } else {
                waiting.update(rest);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the waiting events", e);
        }
    }

    @Override
    public SeenIds seenIds() {
        return this;
    }

    @Override
    public long tsOf(long idHash) {
        try {
            Long ts = ids.get(idHash);
            return ts == null ? ABSENT : ts;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the released ids", e);
        }
    }

    @Override
    public void put(long idHash, long tsUs) {
        try {
            ids.put(idHash, tsUs);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the released ids", e);
        }
    }

    @Override
    public long sweep(LongPredicate forgotten) {
        return sweep(forgotten, null);
    }

    /** As {@link #sweep(LongPredicate)}, putting every id left into {@code kept} (unless null). */
    long sweep(LongPredicate forgotten, IdTimes kept) {
        try {
            long earliest = Long.MAX_VALUE;
            for (Iterator<Map.Entry<Long, Long>> it = ids.iterator(); it.hasNext(); ) {
                Map.Entry<Long, Long> e = it.next();
                long ts = e.getValue();
                if (forgotten.test(ts)) {
                    it.remove();
                } else {
                    earliest = Math.min(earliest, ts);
                    if (kept != null) {
                        kept.put(e.getKey(), ts);
                    }
                }
            }
            return earliest;
        } catch (Exception e) {
            throw new IllegalStateException("cannot sweep the released ids", e);
        }
    }

    @Override
    public int count(LongPredicate remembered) {
        try {
            int n = 0;
            for (Long ts : ids.values()) {
                n += remembered.test(ts) ? 1 : 0;
            }
            return n;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the released ids", e);
        }
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

    /** Appends events written behind ({@link DeviceCache}): one merge on RocksDB for all of them. */
    void addAllWaiting(List<RawEvent> events) {
        try {
            waiting.addAll(events);
        } catch (Exception e) {
            throw new IllegalStateException("cannot append to the waiting events", e);
        }
    }

    void putAll(Map<Long, Long> entries) {
        try {
            ids.putAll(entries);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the released ids", e);
        }
    }

    /** Forgets one id (a sweep of ids {@link DeviceCache} holds: no scan). */
    void remove(long idHash) {
        try {
            ids.remove(idHash);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the released ids", e);
        }
    }

    void addAllSteps(List<Step> appended) {
        try {
            steps.addAll(appended);
        } catch (Exception e) {
            throw new IllegalStateException("cannot append to the open episode's steps", e);
        }
    }

    /** Forgets the device: its steps and mask memory (the caller clears the device state). */
    void clear() {
        waiting.clear();
        steps.clear();
        ids.clear();
        masks.clear();
    }
}
