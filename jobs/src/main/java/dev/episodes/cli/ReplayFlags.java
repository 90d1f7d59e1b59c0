package dev.episodes.cli;

import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.BoundedBuild;
import dev.episodes.flink.runs.KafkaReplay;
import dev.episodes.window.BuildWindow;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a replay is told: one definition for {@code ./episodes replay} and the cluster's {@code ReplayJob}. */
public final class ReplayFlags {
    @Option(names = "--input", description = "A .jsonl or .jsonl.gz file, or a folder of them (on a cluster: a path "
            + "every TaskManager can read).")
    Path input;

    @ArgGroup(exclusive = false, heading = "%nKafka input (instead of --input; the stream-only flags are ignored):%n")
    KafkaFlags kafka;

    @Option(names = "--from", converter = InstantConverter.class,
            description = "Keep episodes that start at or after this time (ISO-8601, e.g. 2026-11-01T00:00Z). "
                    + "Required with Kafka input.")
    Instant from;

    @Option(names = "--to", converter = InstantConverter.class,
            description = "... and before this time. Required with Kafka input.")
    Instant to;

    @Option(names = "--out", required = true, description = "Dataset root to write; partitions it builds are replaced whole.")
    Path out;

    @Mixin
    WindowFlags window;

    @Mixin
    PipelineFlags pipeline;

    public Path out() {
        return out;
    }

    public PipelineConfig config(int defaultParallelism) {
        PipelineConfig config = pipeline.config();
        return config.parallelism() == 0 ? config.withParallelism(defaultParallelism) : config;
    }

    /** The replay these flags describe; validates that they make one. */
    public BoundedBuild.Job job(int defaultParallelism) throws Exception {
        if ((input == null) == (kafka == null)) {
            throw new IllegalArgumentException("give either --input (archives) or --bootstrap (Kafka), not both");
        }
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("--from and --to go together");
        }
        PipelineConfig config = config(defaultParallelism);
        BuildWindow w = from == null ? BuildWindow.ALL : window.range(from, to, config);
        if (input != null) {
            return new ArchiveReplay(input, out, config, pipeline.key()).within(w);
        }
        if (from == null) {
            throw new IllegalArgumentException("a replay from Kafka needs --from and --to");
        }
        return new KafkaReplay(kafka.settings(), out, config, pipeline.key(), w, window.recordTimeSlack);
    }

    String describe() {
        return (input != null ? input.toString() : kafka.bootstrap) + (from == null ? "" : " " + from + " .. " + to);
    }
}
