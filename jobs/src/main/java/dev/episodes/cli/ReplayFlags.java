package dev.episodes.cli;

import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.BoundedBuild;
import dev.episodes.flink.runs.KafkaReplay;
import dev.episodes.window.BuildWindow;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a replay is told: one definition for {@code ./episodes replay} and the cluster's {@code ReplayJob}. */
public final class ReplayFlags {
    @Mixin
    BuildSourceFlags source;

    @Option(names = "--from", converter = InstantConverter.class,
            description = "Keep episodes that start at or after this time (ISO-8601, e.g. 2026-11-01T00:00Z). "
                    + "Required with Kafka input.")
    Instant from;

    @Option(names = "--to", converter = InstantConverter.class,
            description = "... and before this time. Required with Kafka input.")
    Instant to;

    public DatasetRoot out() {
        return source.out;
    }

    public PipelineConfig config(int defaultParallelism) {
        return source.config(defaultParallelism);
    }

    /** The replay these flags describe; validates that they make one. */
    public BoundedBuild.Job job(int defaultParallelism) throws Exception {
        boolean archives = source.fromArchives();
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("--from and --to go together");
        }
        PipelineConfig config = config(defaultParallelism);
        BuildWindow w = from == null ? BuildWindow.ALL : source.window.range(from, to, config);
        if (archives) {
            return source.archives(config, source.key()).within(w);
        }
        if (from == null) {
            throw new IllegalArgumentException("a replay from Kafka needs --from and --to");
        }
        return new KafkaReplay(source.kafka(), source.out.uri(), config, source.key(), w, source.window.recordTimeSlack)
                .withRetiredGrace(source.pipeline.retiredGrace);
    }

    String describe() {
        return source.describe() + (from == null ? "" : " " + from + " .. " + to);
    }
}
