package dev.episodes.jobs;

import dev.episodes.cli.FlinkSettingsFlags;
import dev.episodes.cli.ReplayFlags;
import dev.episodes.flink.runs.BoundedBuild;
import dev.episodes.storage.StoreSettings;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A replay on a Flink cluster: the flags of {@code ./episodes replay}, on the cluster's environment. The
 * job publishes its own partitions when it finishes, so nothing needs to wait for it.
 */
@Command(name = "dev.episodes.jobs.ReplayJob", mixinStandardHelpOptions = true,
        description = "Rebuild a dataset from archives or from a time range of the Kafka topics on a Flink cluster.")
public final class ReplayJob {
    @Mixin
    ReplayFlags flags;

    /** {@code -D key=value}: Flink settings of this job (over the cluster's own and the --config file's). */
    @Mixin
    FlinkSettingsFlags flink;

    /** What the job's stores are opened with: the cluster's file-system keys, --config, -D (set at submit). */
    StoreSettings settings = StoreSettings.none();

    public static void main(String[] args) throws Exception {
        ReplayJob job = new ReplayJob();
        if (JobArguments.parse(job, args)) {
            job.submit(StreamExecutionEnvironment.getExecutionEnvironment());
        }
    }

    JobClient submit(StreamExecutionEnvironment env) throws Exception {
        settings = JobArguments.settings(flink, env == null ? null : env.getConfiguration());
        BoundedBuild.Job build = flags.job(Math.max(1, env.getParallelism()));
        return ClusterSubmission.submit(env, "episodes-replay " + build.runId(), settings, build::build);
    }
}
