package dev.episodes.cli;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.KafkaReplay;
import dev.episodes.flink.runs.NightlyBuild;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

    @Mixin
    BuildSourceFlags source;

    public Path out() {
        return source.out;
    }

    public boolean restart() {
        return restart;
    }

    public PipelineConfig config(int defaultParallelism) {
        return source.config(defaultParallelism);
    }

    public LocalDate first() {
        validateDates();
        return fromDate != null ? fromDate : date != null ? date : LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }

    public LocalDate last() {
        return toDate != null ? toDate : first();
    }

    /** How to build one day, from files or from Kafka. */
    public NightlyBuild.Days days(int defaultParallelism) throws Exception {
        validateDates();
        boolean archives = source.fromArchives();
        PipelineConfig config = config(defaultParallelism);
        PseudonymKey key = source.key();
        WindowFlags window = source.window;
        if (archives) {
            ArchiveReplay files = source.archives(config, key); // listed once, not once per day
            return d -> files.within(window.day(d, config));
        }
        return d -> new KafkaReplay(source.kafka(), source.out, config, key, window.day(d, config),
                window.recordTimeSlack);
    }

    private void validateDates() {
        if ((fromDate == null) != (toDate == null)) {
            throw new IllegalArgumentException("--from-date and --to-date go together");
        }
        if (date != null && fromDate != null) {
            throw new IllegalArgumentException("give --date or --from-date/--to-date, not both");
        }
    }
}
