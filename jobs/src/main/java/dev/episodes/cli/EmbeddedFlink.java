package dev.episodes.cli;

import dev.episodes.config.StateSettings;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A local embedded Flink cluster for the CLI's runs. Generic (Kryo) types are refused. */
public final class EmbeddedFlink {
    private EmbeddedFlink() {}

    public static StreamExecutionEnvironment environment(int parallelism) {
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, configuration());
    }

    /**
     * With a state backend and checkpoints on disk: without a directory Flink keeps checkpoints in the
     * JobManager's memory, which refuses state beyond a few megabytes.
     */
    public static StreamExecutionEnvironment environment(int parallelism, StateSettings state) {
        Configuration conf = configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, state.backend().wire());
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, state.checkpointDir().toUri().toString());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, state.backend() == StateSettings.Backend.ROCKSDB);
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }

    private static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestOptions.BIND_PORT, "0"); // never collide with a cluster already on 8081
        // Accumulators travel with heartbeats: a short interval keeps the progress line live.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(500));
        return conf;
    }
}
