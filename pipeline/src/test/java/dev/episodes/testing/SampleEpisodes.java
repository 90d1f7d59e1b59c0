package dev.episodes.testing;

import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.device.OfflineTimelines;
import dev.episodes.device.Privacy;
import dev.episodes.event.RawEvent;
import dev.episodes.generate.ActivityGenerator;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;


/** Episodes of a generated corpus, made by the domain code alone (no Flink): input for writer tests. */
public final class SampleEpisodes {
    private SampleEpisodes() {}

    public static List<Episode> of(GeneratorSettings settings) throws IOException {
        StringWriter w = new StringWriter();
        ActivityGenerator.write(settings, w);
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(TimeBounds.Y2000_US, Long.MAX_VALUE));
        List<RawEvent> events = new ArrayList<>();
        for (String line : w.toString().split("\n")) {
            if (decoder.decode(line) instanceof DecodeResult.Decoded d) {
                events.add(d.event());
            }
        }
        return OfflineTimelines.episodes(events,
                new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT)), SessionRules.DEFAULT);
    }
}
