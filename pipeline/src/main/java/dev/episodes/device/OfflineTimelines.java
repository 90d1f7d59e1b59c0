package dev.episodes.device;

import dev.episodes.event.ConsentEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.ordering.EventOrder;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The episodes a set of events makes, by the domain code alone (no Flink, no consent, no lateness):
 * per device, events in {@link EventOrder} with repeats dropped, through a {@link DeviceTimeline}.
 * For floors, benchmarks and tests that need realistic episodes without a job.
 */
public final class OfflineTimelines {
    private OfflineTimelines() {}

    public static List<Episode> episodes(Iterable<RawEvent> events, Privacy privacy, SessionRules rules) {
        Map<String, List<RawEvent>> byDevice = new TreeMap<>();
        for (RawEvent e : events) {
            if (!(e instanceof ConsentEvent)) {
                byDevice.computeIfAbsent(e.userId() + "/" + e.deviceId(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Episode> out = new ArrayList<>();
        TimelineOutput sink = new TimelineOutput() {
            @Override
            public void episode(Episode episode) {
                out.add(episode);
            }

            @Override
            public void dropped(String reason) {}
        };
        for (List<RawEvent> device : byDevice.values()) {
            device.sort(EventOrder.COMPARATOR);
            Set<String> seen = new HashSet<>();
            DeviceTimeline timeline = new DeviceTimeline(rules);
            for (RawEvent e : device) {
                if (seen.add(e.eventId())) {
                    timeline.accept(e, privacy, sink);
                }
            }
            timeline.finish(privacy, sink);
        }
        return out;
    }
}
