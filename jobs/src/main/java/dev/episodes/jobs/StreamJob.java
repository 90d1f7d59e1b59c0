package dev.episodes.jobs;

import dev.episodes.cli.FlinkSettingsFlags;
import dev.episodes.cli.StreamFlags;
import dev.episodes.storage.StoreSettings;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The streaming job on a Flink cluster ({@code flink run}, or the REST API's jar run): the flags of
 * {@code ./episodes stream}, on the cluster's environment. Its main only builds and submits the job: over
 * REST it runs detached in the JobManager, where nothing may wait for the job; shards are committed by
 * the sink on checkpoints. {@code --parallelism 0} (the default) takes the submission's parallelism.
 */
@Command(name = "dev.episodes.jobs.StreamJob", mixinStandardHelpOptions = true,
        description = "Stream the activity topics into an episode dataset on a Flink cluster (exactly-once "
                + "shards committed on checkpoints, dead letters to their topic).")
public final class StreamJob {
    static final String NAME = "episodes-stream";

    @Mixin
    StreamFlags flags;

    /** {@code -D key=value}: Flink settings of this job (over the cluster's own and the --config file's). */
    @Mixin
    FlinkSettingsFlags flink;

    /** What the job's stores are opened with: the cluster's file-system keys, --config, -D (set at submit). */
    StoreSettings settings = StoreSettings.none();

    public static void main(String[] args) throws Exception {
        StreamJob job = new StreamJob();
        if (JobArguments.parse(job, args)) {
            job.submit(StreamExecutionEnvironment.getExecutionEnvironment());
        }
    }

    /** Adds the job to {@code env} and submits it; returns as soon as the cluster accepted it. */
    JobClient submit(StreamExecutionEnvironment env) throws Exception {
        settings = JobArguments.settings(flink, env == null ? null : env.getConfiguration());
        return ClusterSubmission.submit(env, NAME, settings,
                e -> flags.streaming(Math.max(1, e.getParallelism())).build(e));
    }
}
