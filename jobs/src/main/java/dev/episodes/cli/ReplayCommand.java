package dev.episodes.cli;

import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.KafkaReplay;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.window.BuildWindow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Rebuild a dataset from archived activity (--input) or from a time range of the Kafka topics "
                + "(--bootstrap with --from/--to), as a bounded batch job. Partitions it builds are replaced whole.")
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", description = "A .jsonl or .jsonl.gz file, or a folder of them.")
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

    @Option(names = "--out", required = true, description = "Dataset root to write.")
    Path out;

    @Mixin
    WindowFlags windowFlags;

    @Mixin
    PipelineFlags flags;

    @Override
    public Integer call() throws Exception {
        if ((input == null) == (kafka == null)) {
            throw new IllegalArgumentException("give either --input (archives) or --bootstrap (Kafka), not both");
        }
        if ((from == null) != (to == null)) {
            throw new IllegalArgumentException("--from and --to go together");
        }
        PipelineConfig config = flags.config();
        BuildWindow window = from == null ? BuildWindow.ALL : windowFlags.range(from, to, config);
        RunSummary summary;
        if (input != null) {
            System.err.printf("Replaying %s into %s%n", input, out.toAbsolutePath());
            summary = new ArchiveReplay(input, out, config, flags.key()).within(window)
                    .run(EmbeddedFlink.environment(config.effectiveParallelism()), Terminal.progress(System.err));
        } else {
            if (from == null) {
                throw new IllegalArgumentException("a replay from Kafka needs --from and --to");
            }
            System.err.printf("Replaying %s .. %s from %s into %s%n", from, to, kafka.bootstrap, out.toAbsolutePath());
            summary = new KafkaReplay(kafka.settings(), out, config, flags.key(), window, windowFlags.recordTimeSlack)
                    .run(EmbeddedFlink.environment(config.effectiveParallelism()), Terminal.progress(System.err));
        }
        Terminal.summary(System.out, summary, out);
        return summary.accountedFor() ? 0 : 3;
    }

    static RunSummary replay(Path input, Path out, PipelineFlags flags) throws Exception {
        PipelineConfig config = flags.config();
        System.err.printf("Replaying %s into %s%n", input, out.toAbsolutePath());
        RunSummary summary = new ArchiveReplay(input, out, config, flags.key())
                .run(EmbeddedFlink.environment(config.effectiveParallelism()), Terminal.progress(System.err));
        Terminal.summary(System.out, summary, out);
        return summary;
    }
}
