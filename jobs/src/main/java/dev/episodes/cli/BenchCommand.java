package dev.episodes.cli;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.device.DeviceTimeline;
import dev.episodes.device.Privacy;
import dev.episodes.device.TimelineOutput;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.ordering.EventOrder;
import dev.episodes.redaction.Redactor;
import dev.episodes.session.Episode;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.Json;
import dev.episodes.writing.ShardWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The end-to-end harness: one generated corpus, then floors and the real run measured in the same
 * process, reported as rates and as ratios to the floors (so the figures travel between machines).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure floors (JSON decode, Parquet write) and file replay end to end on one generated corpus.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "5000000", description = "Approximate raw events to generate (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--dir", defaultValue = "bench-out", description = "Working folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Mixin
    PipelineFlags flags;

    @Override
    public Integer call() throws Exception {
        Path input = dir.resolve("corpus.jsonl");
        int people = (int) Math.max(1, events / 36_000); // a person-hour is about 12,000 events; 3 hours each
        if (!Files.exists(input)) {
            System.err.printf("Generating about %,d events (%d people x 3 h) into %s...%n", events, people, input);
            GenerateCommand.generate(input, GeneratorSettings.of(people, Duration.ofHours(3), 1));
        }
        List<String> lines = Files.readAllLines(input);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("lines", lines.size());
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "max_heap_mb", Runtime.getRuntime().maxMemory() >> 20, "java", System.getProperty("java.version")));

        // Floor 1: decode only, one thread, best of three passes.
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(TimeBounds.Y2000_US, Long.MAX_VALUE));
        List<RawEvent> decoded = new ArrayList<>(lines.size());
        double decodeRate = 0;
        long t0;
        for (int round = 0; round < 3; round++) {
            decoded.clear();
            t0 = System.nanoTime();
            for (String line : lines) {
                if (decoder.decode(line) instanceof DecodeResult.Decoded d) {
                    decoded.add(d.event());
                }
            }
            decodeRate = Math.max(decodeRate, lines.size() / seconds(t0));
        }
        results.put("floor_json_decode_records_per_s", Math.round(decodeRate));

        // Floor 2: Parquet write only, of the steps this corpus makes.
        List<Episode> episodes = episodes(decoded);
        long steps = episodes.stream().mapToLong(e -> e.steps().size()).sum();
        Path parquetDir = dir.resolve("parquet-floor");
        double writeRate = 0;
        for (int round = 0; round < 3; round++) { // best of three: the first pays for JIT and native zstd
            DatasetCommitter.deleteRecursively(parquetDir);
            t0 = System.nanoTime();
            ShardWriter.write(parquetDir, parquetDir.resolve("audit"), "floor.parquet", episodes);
            writeRate = Math.max(writeRate, steps / seconds(t0));
        }
        results.put("floor_parquet_write_steps_per_s", Math.round(writeRate));
        results.put("steps", steps);

        // The real thing: file replay end to end on the embedded cluster (startup included).
        PipelineConfig config = flags.config();
        Path out = dir.resolve("replay-out");
        DatasetCommitter.deleteRecursively(out);
        RunSummary replay = new ArchiveReplay(input, out, config, PseudonymKey.resolve(null, Map.of()))
                .run(EmbeddedFlink.environment(config.effectiveParallelism()), Progress.NONE);
        double replayRate = replay.recordsRead() / (replay.wallTime().toNanos() / 1e9);
        results.put("replay_records_per_s", Math.round(replayRate));
        results.put("replay_wall_s", replay.wallTime().toMillis() / 1000.0);
        results.put("replay_vs_decode_floor", round(replayRate / decodeRate));
        results.put("peak_heap_used_mb", peakHeapMb());

        Json.writeAtomically(dir.toAbsolutePath().resolve("bench-results.json"), results);
        System.out.println();
        System.out.printf("%-40s %,15d%n", "lines", lines.size());
        System.out.printf("%-40s %,15.0f records/s%n", "floor: JSON decode (1 thread)", decodeRate);
        System.out.printf("%-40s %,15.0f steps/s%n", "floor: Parquet write (1 thread)", writeRate);
        System.out.printf("%-40s %,15.0f records/s  (%.2f x decode floor)%n", "file replay end to end", replayRate,
                replayRate / decodeRate);
        System.out.printf("Results: %s%n", dir.toAbsolutePath().resolve("bench-results.json"));
        return 0;
    }

    private List<Episode> episodes(List<RawEvent> decoded) {
        Map<String, List<RawEvent>> byDevice = new HashMap<>();
        for (RawEvent e : decoded) {
            if (!(e instanceof dev.episodes.event.ConsentEvent)) {
                byDevice.computeIfAbsent(e.userId() + "/" + e.deviceId(), k -> new ArrayList<>()).add(e);
            }
        }
        Privacy privacy = new Privacy(new dev.episodes.redaction.Pseudonymizer(new byte[32]),
                new Redactor(dev.episodes.redaction.RedactionPolicy.DEFAULT));
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
            DeviceTimeline t = new DeviceTimeline(dev.episodes.session.SessionRules.DEFAULT);
            for (RawEvent e : device) {
                if (seen.add(e.eventId())) {
                    t.accept(e, privacy, sink);
                }
            }
            t.finish(privacy, sink);
        }
        return out;
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
