package dev.episodes.testing;

import dev.episodes.device.DeviceTimeline;
import dev.episodes.device.Privacy;
import dev.episodes.device.TimelineOutput;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs ordered events through a whole device timeline (reduce, redact, sessionize) without Flink. */
public final class Timeline {
    public final List<Episode> episodes = new ArrayList<>();
    public final Map<String, Integer> dropped = new TreeMap<>();

    public static Timeline run(List<RawEvent> ordered) {
        return run(ordered, RedactionPolicy.DEFAULT);
    }

    public static Timeline run(List<RawEvent> ordered, RedactionPolicy policy) {
        return run(ordered, policy, false);
    }

    /** With {@code frames}, episodes carry their frame plan. */
    public static Timeline run(List<RawEvent> ordered, RedactionPolicy policy, boolean frames) {
        Timeline t = new Timeline();
        Privacy privacy = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(policy), frames);
        TimelineOutput out = new TimelineOutput() {
            @Override
            public void episode(Episode episode) {
                t.episodes.add(episode);
            }

            @Override
            public void dropped(String reason) {
                t.dropped.merge(reason, 1, Integer::sum);
            }
        };
        DeviceTimeline timeline = new DeviceTimeline(SessionRules.DEFAULT);
        for (RawEvent e : ordered) {
            timeline.accept(e, privacy, out);
        }
        timeline.finish(privacy, out);
        return t;
    }

    public List<Step> steps() {
        return episodes.stream().flatMap(e -> e.steps().stream()).toList();
    }

    public List<String> texts() {
        return steps().stream().filter(s -> s.text() != null).map(Step::text).toList();
    }
}
