package dev.episodes.jobs;

import dev.episodes.storage.StoreSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** How every cluster job is handed to its environment: Kryo refused, built, submitted, its id printed. */
final class ClusterSubmission {
    /** Adds one job to the environment. */
    interface Build {
        void into(StreamExecutionEnvironment env) throws Exception;
    }

    private ClusterSubmission() {}

    /**
     * Returns as soon as the cluster accepted the job: over REST nothing may wait for it. The job's
     * settings ({@code -D}, --config) configure its environment as well (what a job may set of them;
     * file systems of the TaskManagers are the cluster's own: operators carry {@code settings}).
     */
    static JobClient submit(StreamExecutionEnvironment env, String name, StoreSettings settings, Build build)
            throws Exception {
        Configuration conf = Configuration.fromMap(settings.keys());
        conf.set(PipelineOptions.GENERIC_TYPES, false); // as in the CLI and tests: a Kryo fallback is a bug
        env.configure(conf);
        settings.makeCurrent(); // what the job's operators carry (the commit point on S3 needs them)
        build.into(env);
        JobClient client = env.executeAsync(name);
        System.out.println("Submitted " + name + " as job " + client.getJobID());
        return client;
    }
}
