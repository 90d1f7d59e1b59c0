package dev.episodes.cli;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.KafkaReplay;
import dev.episodes.flink.runs.NightlyBuild;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = "Build the canonical partition dt=D of every episode that started on the UTC day D: sorted, "
                + "size-rolled zstd shards with a split column, statistics in the manifest, swapped in atomically. "
                + "A range backfills one day at a time and resumes where it stopped.")
final class NightlyCommand implements Callable<Integer> {
    @Option(names = "--date", description = "The UTC day to build (default: yesterday).")
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
    WindowFlags windowFlags;

    @Mixin
    PipelineFlags flags;

    @Override
    public Integer call() throws Exception {
        if ((input == null) == (kafka == null)) {
            throw new IllegalArgumentException("give either --input (archives) or --bootstrap (Kafka), not both");
        }
        if ((fromDate == null) != (toDate == null)) {
            throw new IllegalArgumentException("--from-date and --to-date go together");
        }
        if (date != null && fromDate != null) {
            throw new IllegalArgumentException("give --date or --from-date/--to-date, not both");
        }
        LocalDate first = fromDate != null ? fromDate : date != null ? date : LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate last = toDate != null ? toDate : first;
        PipelineConfig config = flags.config();
        PseudonymKey key = flags.key();
        NightlyBuild.Days days = input != null
                ? d -> new ArchiveReplay(input, out, config, key).within(windowFlags.day(d, config))
                : d -> new KafkaReplay(kafka.settings(), out, config, key, windowFlags.day(d, config),
                        windowFlags.recordTimeSlack);
        List<NightlyBuild.DayResult> results = new NightlyBuild(out, days,
                () -> EmbeddedFlink.environment(config.effectiveParallelism()))
                .run(first, last, restart, Terminal.progress(System.err), System.err::println);
        boolean ok = true;
        for (NightlyBuild.DayResult r : results) {
            if (!r.skipped()) {
                Terminal.summary(System.out, r.summary(), out);
                ok &= r.summary().accountedFor();
            }
        }
        return ok ? 0 : 3;
    }
}
