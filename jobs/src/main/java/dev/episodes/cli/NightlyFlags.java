package dev.episodes.cli;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.KafkaReplay;
import dev.episodes.flink.runs.NightlyBuild;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a nightly build is told: one definition for {@code ./episodes nightly} and the cluster's {@code NightlyJob}. */
public final class NightlyFlags {
    @Option(names = "--date", description = "The UTC day to build (default: yesterday, UTC).")
    LocalDate date;

    @Option(names = "--from-date", description = "First day of a backfill.")
    LocalDate fromDate;

    @Option(names = "--to-date", description = "Last day of a backfill (inclusive).")
    LocalDate toDate;

    @Option(names = "--restart", description = "Backfill: rebuild days this range already built.")
    boolean restart;

    @Option(names = "--input", description = "Archives (.jsonl / .jsonl.gz, file or folder) instead of Kafka.")
    Path input;

    @ArgGroup(exclusive = false, heading = "%nKafka input (instead of --input; the stream-only flags are ignored):%n")
    KafkaFlags kafka;

    @Option(names = "--out", required = true, description = "Dataset root.")
    Path out;

    @Mixin
    WindowFlags window;

    @Mixin
    PipelineFlags pipeline;

    public Path out() {
        return out;
    }

    public boolean restart() {
        return restart;
    }

    public PipelineConfig config(int defaultParallelism) {
        PipelineConfig config = pipeline.config();
        return config.parallelism() == 0 ? config.withParallelism(defaultParallelism) : config;
    }

    public LocalDate first() {
        validate();
        return fromDate != null ? fromDate : date != null ? date : LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }

    public LocalDate last() {
        return toDate != null ? toDate : first();
    }

    /** How to build one day, from files or from Kafka. */
    public NightlyBuild.Days days(int defaultParallelism) throws Exception {
        validate();
        PipelineConfig config = config(defaultParallelism);
        PseudonymKey key = pipeline.key();
        if (input != null) {
            return d -> new ArchiveReplay(input, out, config, key).within(window.day(d, config));
        }
        return d -> new KafkaReplay(kafka.settings(), out, config, key, window.day(d, config), window.recordTimeSlack);
    }

    private void validate() {
        if ((input == null) == (kafka == null)) {
            throw new IllegalArgumentException("give either --input (archives) or --bootstrap (Kafka), not both");
        }
        if ((fromDate == null) != (toDate == null)) {
            throw new IllegalArgumentException("--from-date and --to-date go together");
        }
        if (date != null && fromDate != null) {
            throw new IllegalArgumentException("give --date or --from-date/--to-date, not both");
        }
    }
}
