package dev.episodes.jobs;

import dev.episodes.cli.StreamFlags;
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

    public static void main(String[] args) throws Exception {
        StreamJob job = new StreamJob();
        if (JobArguments.parse(job, args)) {
            job.submit(StreamExecutionEnvironment.getExecutionEnvironment());
        }
    }

    /** Adds the job to {@code env} and submits it; returns as soon as the cluster accepted it. */
    JobClient submit(StreamExecutionEnvironment env) throws Exception {
        return ClusterSubmission.submit(env, NAME,
                e -> flags.streaming(Math.max(1, e.getParallelism())).build(e));
    }
}
