package dev.episodes.jobs;

import dev.episodes.cli.FlinkSettingsFlags;
import dev.episodes.cli.NightlyFlags;
import dev.episodes.flink.runs.BoundedBuild;
import java.time.LocalDate;
import dev.episodes.storage.StoreSettings;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The nightly build of one UTC day on a Flink cluster (what the CronJob submits): the flags of
 * {@code ./episodes nightly}. One job per day; the job swaps its partition in itself when it finishes.
 * Backfills of ranges run from the CLI (one job per day, resumable), not as one cluster submission.
 */
@Command(name = "dev.episodes.jobs.NightlyJob", mixinStandardHelpOptions = true,
        description = "Build the canonical partition of one UTC day (default: yesterday) on a Flink cluster.")
public final class NightlyJob {
    @Mixin
    NightlyFlags flags;

    /** {@code -D key=value}: Flink settings of this job (over the cluster's own and the --config file's). */
    @Mixin
    FlinkSettingsFlags flink;

    /** What the job's stores are opened with: the cluster's file-system keys, --config, -D (set at submit). */
    StoreSettings settings = StoreSettings.none();

    public static void main(String[] args) throws Exception {
        NightlyJob job = new NightlyJob();
        if (JobArguments.parse(job, args)) {
            job.submit(StreamExecutionEnvironment.getExecutionEnvironment());
        }
    }

    JobClient submit(StreamExecutionEnvironment env) throws Exception {
        settings = JobArguments.settings(flink, env == null ? null : env.getConfiguration());
        LocalDate day = flags.first();
        if (!day.equals(flags.last())) {
            throw new IllegalArgumentException("a cluster job builds one day (--date); run backfills with "
                    + "./episodes nightly --from-date/--to-date, or submit one job per day");
        }
        BoundedBuild.Job build = flags.days(Math.max(1, env.getParallelism())).day(day);
        return ClusterSubmission.submit(env, "episodes-nightly " + day + " " + build.runId(), settings,
                build::build);
    }
}
