package dev.episodes.bench;

import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.RawEvent;
import dev.episodes.generate.ActivityGenerator;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.ordering.EventOrder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A generated corpus, made once per benchmark JVM: lines, decoded events, and events per device in order. */
final class BenchData {
    /** Ordered events across all devices: the per-device benchmarks process exactly this many per call. */
    static final int EVENTS = 50_000;
    static final BenchData INSTANCE = new BenchData();

    final List<String> lines;
    final List<RawEvent> events;
    final List<List<RawEvent>> orderedByDevice;

    private BenchData() {
        StringWriter w = new StringWriter();
        try {
            ActivityGenerator.write(GeneratorSettings.of(12, Duration.ofMinutes(30), 1), w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines = List.of(w.toString().split("\n"));
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(TimeBounds.Y2000_US, Long.MAX_VALUE));
        List<RawEvent> decoded = new ArrayList<>();
        Map<String, List<RawEvent>> byDevice = new LinkedHashMap<>();
        for (String line : lines) {
            if (decoder.decode(line) instanceof DecodeResult.Decoded d) {
                decoded.add(d.event());
                byDevice.computeIfAbsent(d.event().userId() + "/" + d.event().deviceId(), k -> new ArrayList<>())
                        .add(d.event());
            }
        }
        events = List.copyOf(decoded);
        List<List<RawEvent>> ordered = new ArrayList<>();
        int budget = EVENTS;
        for (List<RawEvent> device : byDevice.values()) {
            if (budget == 0) {
                break;
            }
            List<RawEvent> sorted = new ArrayList<>(device);
            sorted.sort(EventOrder.COMPARATOR);
            // drop repeats so the timeline sees what the reorder buffer would release
            List<RawEvent> unique = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RawEvent e : sorted) {
                if (seen.add(e.eventId())) {
                    unique.add(e);
                }
            }
            List<RawEvent> taken = unique.subList(0, Math.min(budget, unique.size()));
            budget -= taken.size();
            ordered.add(List.copyOf(taken));
        }
        if (budget > 0) {
            throw new IllegalStateException("corpus too small for " + EVENTS + " events");
        }
        orderedByDevice = List.copyOf(ordered);
    }

    long orderedEventCount() {
        return orderedByDevice.stream().mapToLong(List::size).sum();
    }
}
