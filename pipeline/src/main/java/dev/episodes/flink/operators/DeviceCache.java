package dev.episodes.flink.operators;

import dev.episodes.device.DeviceState;
import dev.episodes.device.DeviceStores;
import dev.episodes.event.RawEvent;
import dev.episodes.masking.MaskPlanner;
import dev.episodes.ordering.EventOrder;
import dev.episodes.ordering.SeenIds;
import dev.episodes.ordering.WaitingEvents;
import dev.episodes.reduction.Step;
import dev.episodes.session.OpenSteps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.apache.flink.api.common.state.ValueState;

/**
 * Write-behind cache of the devices a streaming instance touched since its last checkpoint: what an event
 * changes (the device value, its waiting events, new dedup ids, new steps) stays on the heap and reaches
 * Flink state once per device per checkpoint, not once per event. On RocksDB every state access
 * serializes (the device value alone is 0.6 - 2 KB, read and written per event); here a device costs one
 * read and one write per checkpoint interval. Dedup ids: of a device whose ids it knows all of (a new
 * device, or one it swept), it keeps a copy across checkpoints ({@link IdTimes}), so a lookup and a sweep
 * touch no state; of others, one lookup per event for an id not pending.
 *
 * <p>Correct because everything reaches state in the checkpoint's synchronous part, before keyed
 * state is snapshotted ({@link DeviceTimelineOperator#snapshotState}) and nothing is read past the cache: a restore
 * sees exactly what an uncached run would have written. After a flush the cache holds no change (the
 * known ids are a copy of what Flink state now holds, in arrays of its own), so on the heap backend no
 * object it holds is shared with a snapshot still being written. Bounded: at most {@code capacity}
 * devices in one interval (beyond them, devices go straight to Flink state until the next flush), a
 * device's waiting events, pending ids and pending steps are each written back once they reach
 * {@code perDevice}, and the known ids are within their own budget (least recently used dropped).
 *
 * <p>What needs the store itself (a release that reads every waiting event, an episode's close, a sweep of
 * forgotten ids, forgetting the device) happens while the device's own key is current: the pending part
 * is merged or written first, then the state is read or changed directly.
 */
final class DeviceCache implements DeviceStores, OpenSteps, SeenIds, WaitingEvents {
    private final ValueState<DeviceState> device;
    private final KeyedDeviceStores state;
    private final KeyScope keys;
    private final int capacity;
    private final int perDevice;
    private final LinkedHashMap<Object, Pending> devices = new LinkedHashMap<>(64, 0.75f, true);
    /**
     * Devices whose every dedup id is known here (a new device, or one swept since this instance started):
     * kept across flushes, since Flink state holds the same ids once written. Least recently used first;
     * at most {@link #residentBudget} ids over all of them (dropping one costs nothing: it is a copy).
     */
    private final LinkedHashMap<Object, IdTimes> resident = new LinkedHashMap<>(64, 0.75f, true);
    private final long residentBudget;
    private long residentIds;
    private Object lastKey;
    private Pending last;

    /** What one device changed since the last flush. */
    private static final class Pending {
        DeviceState device;
        boolean deviceRead;
        boolean deviceChanged;
        /** Every waiting event in EventOrder, once a release read them (null before); then {@link #added} is empty. */
        List<RawEvent> waiting;
        boolean waitingChanged;
        /** Events appended before any read: one merge at the flush. */
        final List<RawEvent> added = new ArrayList<>();
        /**
         * Ids not yet in Flink state (the value last put) of a device whose ids are not all {@link #known}:
         * unboxed, two puts per event (offered, released). Empty while they are known: {@link #known} marks
         * its own changes, and an id added and forgotten between two writes never reaches Flink state.
         */
        final IdTimes ids = new IdTimes();
        final List<Step> steps = new ArrayList<>();
        /** All of the device's ids, when known ({@link #resident}); null: ask Flink state for those not pending. */
        IdTimes known;
    }

    DeviceCache(ValueState<DeviceState> device, KeyedDeviceStores state, KeyScope keys, int capacity, int perDevice) {
        this(device, state, keys, capacity, perDevice, DeviceTimelineFunction.RESIDENT_IDS);
    }

    DeviceCache(ValueState<DeviceState> device, KeyedDeviceStores state, KeyScope keys, int capacity, int perDevice,
            long residentIds) {
        if (capacity < 1 || perDevice < 1 || residentIds < 0) {
            throw new IllegalArgumentException("cache sizes must be positive: " + capacity + ", " + perDevice
                    + ", " + residentIds);
        }
        this.residentBudget = residentIds;
        this.device = device;
        this.state = state;
        this.keys = keys;
        this.capacity = capacity;
        this.perDevice = perDevice;
    }

    /**
     * Whether the current device is served here. A device not yet cached is taken only while there is
     * room: beyond {@code capacity} devices in one checkpoint interval the rest go straight to Flink state
     * (as without a cache) until the next flush empties it, rather than evicting one device per event
     * when more devices are active than fit. Call before anything else of a device's event or timer; if
     * false, use Flink state directly for all of it.
     */
    boolean admit() {
        Object key = keys.currentKey();
        if (last != null && (key == lastKey || key.equals(lastKey))) {
            return true;
        }
        Pending p = devices.get(key);
        if (p == null) {
            if (devices.size() >= capacity) {
                dropKnown(key); // its ids change in Flink state now, not here (not pending: none unwritten)
                return false;
            }
            p = newPending(key);
        }
        lastKey = key;
        last = p;
        return true;
    }

    /** The current device's state as last written here or in Flink state; null if it has none. */
    DeviceState device() throws Exception {
        Pending p = pending();
        if (!p.deviceRead) {
            p.device = device.value();
            p.deviceRead = true;
            if (p.device == null && p.known == null) {
                known(keys.currentKey(), p, new IdTimes()); // no state, so no ids: all of them are known
            }
        }
        return p.device;
    }

    /** The current device's state changed (or is new): written at the next flush. */
    void update(DeviceState st) {
        Pending p = pending();
        p.device = st;
        p.deviceRead = true;
        p.deviceChanged = true;
    }

    /** Forgets the current device now: its Flink state is cleared and nothing of it stays pending. */
    void forget() {
        Object key = keys.currentKey();
        devices.remove(key);
        discardKnown(key);
        if (key.equals(lastKey)) {
            lastKey = null;
            last = null;
        }
        device.clear();
        state.clear();
    }

    /**
     * Writes every pending change to Flink state and empties the cache; the current key is put back, also
     * when a write fails (what was written stays written, the rest stays pending).
     */
    void flushAll() throws Exception {
        if (devices.isEmpty()) {
            return;
        }
        Object was = keys.currentKey();
        try {
            for (Iterator<Map.Entry<Object, Pending>> it = devices.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Object, Pending> e = it.next();
                keys.enter(e.getKey());
                write(e.getValue());
                it.remove();
            }
        } finally {
            lastKey = null;
            last = null;
            if (was != null) {
                keys.enter(was);
            }
        }
    }

    /** Devices with changes not yet in Flink state (tests). */
    int pendingDevices() {
        return devices.size();
    }

    /** Devices whose ids are all known here, and how many ids that is (tests). */
    int knownDevices() {
        return resident.size();
    }

    long knownIds() {
        return residentIds;
    }

    private Pending pending() {
        Object key = keys.currentKey();
        if (last != null && (key == lastKey || key.equals(lastKey))) {
            return last;
        }
        Pending p = devices.get(key);
        if (p == null) { // not admitted first (tests calling in directly): make room the old way
            p = newPending(key);
            if (devices.size() > capacity) {
                evictEldest(key);
            }
        }
        lastKey = key;
        last = p;
        return p;
    }

    private Pending newPending(Object key) {
        Pending p = new Pending();
        p.known = resident.get(key);
        devices.put(key, p);
        return p;
    }

    /** From now on every id of the current device ({@code key}, {@code p}) is in {@code ids}, if the budget allows. */
    private void known(Object key, Pending p, IdTimes ids) {
        dropKnown(key);
        if (ids.size() + 1 > residentBudget) {
            return;
        }
        resident.put(key, ids);
        p.known = ids;
        residentIds += ids.size();
        if (overBudget()) {
            trimKnown(key);
        }
    }

    /** Stops knowing the device's ids; its changes not yet written move to its pending ids. */
    private void dropKnown(Object key) {
        IdTimes gone = resident.remove(key);
        if (gone != null) {
            residentIds -= gone.size();
            unknown(key, gone);
        }
    }

    /** As {@link #dropKnown}, for a device whose state goes as well: nothing of it is kept. */
    private void discardKnown(Object key) {
        IdTimes gone = resident.remove(key);
        if (gone != null) {
            residentIds -= gone.size();
        }
    }

    private void unknown(Object key, IdTimes ids) {
        Pending p = devices.get(key);
        if (p != null) {
            p.known = null;
            ids.forEachDirty(p.ids::put);
            ids.clean();
        } else if (ids.dirtyCount() > 0) { // changes are only made to pending devices, and written when they leave
            throw new IllegalStateException(ids.dirtyCount() + " dedup ids not written of a device no longer pending");
        }
    }

    /** Within the budget: the least recently used devices' ids go first, then the current one's. */
    private void trimKnown(Object current) {
        for (Iterator<Map.Entry<Object, IdTimes>> it = resident.entrySet().iterator();
                overBudget() && it.hasNext(); ) {
            Map.Entry<Object, IdTimes> e = it.next();
            if (!e.getKey().equals(current)) {
                it.remove();
                residentIds -= e.getValue().size();
                unknown(e.getKey(), e.getValue());
            }
        }
        if (overBudget()) {
            dropKnown(current);
        }
    }

    /** Each device known counts as one id more: devices with no ids (late events of unknown ones) are bounded too. */
    private boolean overBudget() {
        return residentIds + resident.size() > residentBudget;
    }

    /** Writes the least recently used device back (its key current meanwhile), then drops it. */
    private void evictEldest(Object current) {
        Iterator<Map.Entry<Object, Pending>> it = devices.entrySet().iterator();
        Map.Entry<Object, Pending> eldest = it.next(); // access order: never the device just added
        keys.enter(eldest.getKey());
        try {
            write(eldest.getValue());
        } finally {
            keys.enter(current);
        }
        it.remove(); // only once written: a failed write leaves it pending
    }

    /** One device's pending changes into Flink state; its key must be current. */
    private void write(Pending p) {
        try {
            if (p.deviceChanged) {
                device.update(p.device);
                p.deviceChanged = false;
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the device state", e);
        }
        if (p.waitingChanged) {
            state.replace(p.waiting);
            p.waitingChanged = false;
        } else if (!p.added.isEmpty()) {
            state.addAllWaiting(p.added);
            p.added.clear();
        }
        settleIds(p);
        if (!p.steps.isEmpty()) {
            state.addAllSteps(p.steps);
            p.steps.clear();
        }
    }

    /** Ids of the device not yet in Flink state: pending, or changed among the known ones. */
    private static int unwritten(Pending p) {
        return p.ids.size() + (p.known == null ? 0 : p.known.dirtyCount());
    }

    private void settleIds(Pending p) {
        int changed = unwritten(p);
        if (changed > 0) {
            Map<Long, Long> batch = new HashMap<>(changed * 2);
            p.ids.forEach(batch::put); // boxed once per id and flush, not per put; one write batch on RocksDB
            if (p.known != null) {
                p.known.forEachDirty(batch::put); // the newest: after the pending ones
            }
            state.putAll(batch);
            p.ids.clear();
            if (p.known != null) {
                p.known.clean();
            }
        }
    }

    @Override
    public OpenSteps openSteps() {
        return this;
    }

    @Override
    public SeenIds seenIds() {
        return this;
    }

    @Override
    public WaitingEvents waitingEvents() {
        return this;
    }

    @Override
    public MaskPlanner loadMasks() {
        return state.loadMasks(); // only when an episode with frames closes: not worth caching
    }

    @Override
    public void saveMasks(MaskPlanner masks) {
        state.saveMasks(masks);
    }

    @Override
    public void add(RawEvent event) {
        Pending p = pending();
        if (p.waiting != null) {
            insertSorted(p.waiting, event);
            p.waitingChanged = true;
            if (p.waiting.size() >= perDevice) { // no watermark for long: the waiting events go to state
                state.replace(p.waiting);
                p.waiting = null;
                p.waitingChanged = false;
            }
        } else {
            p.added.add(event);
            if (p.added.size() >= perDevice) {
                state.addAllWaiting(p.added);
                p.added.clear();
            }
        }
    }

    @Override
    public List<RawEvent> all() {
        return new ArrayList<>(loaded(pending()));
    }

    @Override
    public void replace(List<RawEvent> rest) {
        Pending p = pending();
        p.waiting = new ArrayList<>(rest);
        p.waiting.sort(EventOrder.COMPARATOR);
        p.waitingChanged = true;
        p.added.clear();
    }

    /** A prefix of the waiting events, kept sorted here: no copy and no sort of all of them per release. */
    @Override
    public Taken takeUpTo(long upToUs) {
        Pending p = pending();
        List<RawEvent> waiting = loaded(p);
        int k = 0;
        while (k < waiting.size() && waiting.get(k).tsUs() <= upToUs) {
            k++;
        }
        List<RawEvent> prefix = waiting.subList(0, k);
        List<RawEvent> released = new ArrayList<>(prefix);
        prefix.clear();
        p.waitingChanged |= k > 0;
        return WaitingEvents.taken(released, waiting);
    }

    /** The device's waiting events, read from state once (then appended to here), in EventOrder. */
    private List<RawEvent> loaded(Pending p) {
        if (p.waiting == null) {
            p.waiting = state.all();
            p.waiting.addAll(p.added);
            p.waiting.sort(EventOrder.COMPARATOR);
            p.waitingChanged = !p.added.isEmpty();
            p.added.clear();
        }
        return p.waiting;
    }

    /**
     * Events mostly come in order: appended, else put in their place. One out of order is mostly a little
     * behind the latest (a recorder's topics arrive seconds apart), so its place is looked for backwards
     * from the end in growing steps, then by halves within the last step: a few comparisons, not a search
     * of every waiting event (a profile had 8% of a replay's keyed thread in that search).
     */
    static void insertSorted(List<RawEvent> sorted, RawEvent e) {
        int n = sorted.size();
        if (n == 0 || EventOrder.COMPARATOR.compare(sorted.get(n - 1), e) <= 0) {
            sorted.add(e);
            return;
        }
        int above = n - 1; // sorted[above] > e
        int step = 1;
        int below = above - step;
        while (below >= 0 && EventOrder.COMPARATOR.compare(sorted.get(below), e) > 0) {
            above = below;
            step <<= 1;
            below = above - step;
        }
        int from = Math.max(below + 1, 0); // e's place is in [from, above]
        int at = Collections.binarySearch(sorted.subList(from, above), e, EventOrder.COMPARATOR);
        sorted.add(from + (at < 0 ? -at - 1 : at), e);
    }

    @Override
    public long tsOf(long idHash) {
        Pending p = pending();
        if (p.known != null) {
            return p.known.get(idHash); // all of them: an id not here is in Flink state neither
        }
        long ts = p.ids.get(idHash);
        return ts != ABSENT ? ts : state.tsOf(idHash);
    }

    @Override
    public void put(long idHash, long tsUs) {
        Pending p = pending();
        if (p.known == null) {
            p.ids.put(idHash, tsUs);
        } else if (p.known.put(idHash, tsUs)) {
            residentIds++;
            if (overBudget()) {
                trimKnown(keys.currentKey()); // may drop the current device's: its changes move to p.ids
            }
        }
        // A replay without checkpoints: unwritten ids must not grow with the input. Changed known ones
        // count too, although their budget bounds them: a device dropped from the known ones moves them all
        // to its pending ids, and a checkpoint would write them in one batch in its synchronous part
        // (red team: DroppedKnownIdsBoundTest, CheckpointIdBatchTest).
        if (unwritten(p) >= perDevice) {
            settleIds(p);
        }
    }

    /**
     * Frees forgotten ids. With all of them known here, without a scan of Flink state: each forgotten one
     * is deleted there (and from the pending ones). Otherwise the scan of Flink state, which leaves all of
     * them known from then on.
     */
    @Override
    public long sweep(LongPredicate forgotten) {
        Pending p = pending();
        if (p.known != null) {
            int before = p.known.size();
            long earliest = p.known.sweep(forgotten, state::remove); // only those Flink state holds
            residentIds -= before - p.known.size();
            return earliest;
        }
        settleIds(p);
        IdTimes kept = new IdTimes();
        long earliest = state.sweep(forgotten, kept);
        kept.clean(); // read from Flink state: nothing to write
        known(keys.currentKey(), p, kept);
        return earliest;
    }

    @Override
    public int count(LongPredicate remembered) {
        settleIds(pending());
        return state.count(remembered);
    }

    @Override
    public void add(Step step) {
        Pending p = pending();
        p.steps.add(step);
        if (p.steps.size() >= perDevice) {
            state.addAllSteps(p.steps);
            p.steps.clear();
        }
    }

    @Override
    public List<Step> takeAll() {
        Pending p = pending();
        List<Step> all = state.takeAll(); // those written before, in order, then the pending ones
        all.addAll(p.steps);
        p.steps.clear();
        return all;
    }
}
