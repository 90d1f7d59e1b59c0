package dev.episodes.cli;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.BoundedBuild;
import dev.episodes.flink.runs.KafkaReplay;
import dev.episodes.flink.runs.NightlyBuild;
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

    public DatasetRoot out() {
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

    /** How to build one day, and which days have input, from files or from Kafka. */
    public interface Days extends NightlyBuild.Days {
        /** What the input holds, for a message about days it does not hold ("events from A to B"). */
        String describeInput();
    }

    /** How to build one day, from files or from Kafka. */
    public Days days(int defaultParallelism) throws Exception {
        validateDates();
        boolean archives = source.fromArchives();
        PipelineConfig config = config(defaultParallelism);
        PseudonymKey key = source.key();
        WindowFlags window = source.window;
        if (archives) {
            ArchiveReplay files = source.archives(config, key); // listed once, not once per day
            return new Days() {
                private ArchiveDays.Found found;

                @Override
                public BoundedBuild.Job day(LocalDate d) throws Exception {
                    return files.within(window.day(d, config));
                }

                @Override
                public boolean hasInput(LocalDate d) throws Exception {
                    if (found == null) { // one scan for the whole range
                        found = ArchiveDays.scan(source.input, first(), last());
                    }
                    return found.days().contains(d);
                }

                @Override
                public String describeInput() {
                    return found == null ? "?" : found.span();
                }
            };
        }
        return new Days() {
            @Override
            public BoundedBuild.Job day(LocalDate d) {
                return new KafkaReplay(source.kafka(), source.out.uri(), config, key, window.day(d, config),
                        window.recordTimeSlack).withRetiredGrace(source.pipeline.retiredGrace);
            }

            @Override
            public boolean hasInput(LocalDate d) {
                return KafkaDays.hasInput(source.kafka(), d, window.recordTimeSlack);
            }

            @Override
            public String describeInput() {
                return "no record with a timestamp of the day";
            }
        };
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
