package dev.episodes.testing;

import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.generate.ActivityGenerator;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.ordering.EventOrder;
import dev.episodes.session.Episode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Episodes of a generated corpus, made by the domain code alone (no Flink): input for writer tests. */
public final class SampleEpisodes {
    private SampleEpisodes() {}

    public static List<Episode> of(GeneratorSettings settings) throws IOException {
        StringWriter w = new StringWriter();
        ActivityGenerator.write(settings, w);
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(TimeBounds.Y2000_US, Long.MAX_VALUE));
        Map<String, List<RawEvent>> byDevice = new TreeMap<>();
        for (String line : w.toString().split("\n")) {
            if (decoder.decode(line) instanceof DecodeResult.Decoded d && !(d.event() instanceof ConsentEvent)) {
                byDevice.computeIfAbsent(d.event().userId() + "/" + d.event().deviceId(), k -> new ArrayList<>())
                        .add(d.event());
            }
        }
        List<Episode> out = new ArrayList<>();
        for (List<RawEvent> events : byDevice.values()) {
            events.sort(EventOrder.COMPARATOR);
            Set<String> seen = new HashSet<>();
            out.addAll(Timeline.run(events.stream().filter(e -> seen.add(e.eventId())).toList()).episodes);
        }
        return out;
    }
}
