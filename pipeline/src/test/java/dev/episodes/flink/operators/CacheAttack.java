package dev.episodes.flink.operators;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.session.Episode;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;

/**
 * Red team (write-behind cache): shared pieces of the attacks on {@link DeviceTimelineOperator}. A mode is
 * {@code off} (Flink's own operator), {@code on} (the cache at its job sizes) or {@code DxP} (the cache with
 * room for D devices and P pending ids or steps per device).
 */
final class CacheAttack {
    static final String[] STATES = {"device", "waiting", "seen-ids", "open-steps", "masks"};

    private CacheAttack() {
    }

    static DeviceTimelineFunction function(DeviceSettings settings, boolean frames, long quietMs) {
        return new DeviceTimelineFunction(settings, new Pseudonymizer(new byte[32]), RedactionPolicy.DEFAULT, true,
                quietMs).planFrames(frames);
    }

    static RedTeamHarness harness(DeviceSettings settings, String backend, String mode, boolean frames, long quietMs)
            throws Exception {
        DeviceTimelineFunction f = function(settings, frames, quietMs);
        if (mode.contains("x")) {
            String[] sizes = mode.split("x");
            f.cacheSizes(Integer.parseInt(sizes[0]), Integer.parseInt(sizes[1]));
            return new RedTeamHarness(f, backend, "on");
        }
        return new RedTeamHarness(f, backend, mode);
    }

    static int capacity(String mode) {
        if (mode.contains("x")) {
            return Integer.parseInt(mode.split("x")[0]);
        }
        return mode.equals("tiny") ? 1 : DeviceTimelineFunction.CACHED_DEVICES;
    }

    /** {@code people}'s generated events, interleaved in time order. */
    static List<RawEvent> interleaved(long seed, int people, Duration length) throws Exception {
        List<RawEvent> events = new ArrayList<>(HarnessEquivalencePropertyTest.corpus(seed, people, length));
        events.sort(Comparator.comparingLong(RawEvent::tsUs));
        return events;
    }

    /** Keys holding each state, by state name (either backend). */
    static Map<String, List<String>> keysByState(RedTeamHarness h) throws Exception {
        @SuppressWarnings("unchecked")
        KeyedStateBackend<String> backend = ((AbstractStreamOperator<Episode>) h.getOperator()).getKeyedStateBackend();
        Map<String, List<String>> out = new TreeMap<>();
        for (String state : STATES) {
            try (var keys = backend.<VoidNamespace>getKeys(state, VoidNamespace.INSTANCE)) {
                out.put(state, keys.sorted().toList());
            }
        }
        return out;
    }

    /** The cache inside a harness's function (null with the cache off). */
    static DeviceCache cache(RedTeamHarness h) throws Exception {
        Field f = DeviceTimelineFunction.class.getDeclaredField("cache");
        f.setAccessible(true);
        return (DeviceCache) f.get(h.function);
    }

    /** Objects the cache holds on the heap: waiting events, ids and steps pending over every device. */
    static long heldOnHeap(DeviceCache cache) throws Exception {
        Field devicesField = DeviceCache.class.getDeclaredField("devices");
        devicesField.setAccessible(true);
        Map<?, ?> devices = (Map<?, ?>) devicesField.get(cache);
        long n = 0;
        for (Object p : devices.values()) {
            for (String name : new String[] {"waiting", "added", "steps"}) {
                Field f = p.getClass().getDeclaredField(name);
                f.setAccessible(true);
                Object v = f.get(p);
                n += v == null ? 0 : ((List<?>) v).size();
            }
            Field ids = p.getClass().getDeclaredField("ids");
            ids.setAccessible(true);
            n += ((IdTimes) ids.get(p)).size();
        }
        return n;
    }
}
