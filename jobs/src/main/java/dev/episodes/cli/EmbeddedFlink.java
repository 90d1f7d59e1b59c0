package dev.episodes.cli;

import dev.episodes.config.StateSettings;
import dev.episodes.flink.runs.RestorePoint;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A local embedded Flink cluster for the CLI's runs. Generic (Kryo) types are refused. Its temporary files
 * (the RPC system's extracted jar, {@code minicluster_*} folders) go to {@code java.io.tmpdir} as it is when
 * the cluster starts, which the CLI points at its own folder ({@link PrivateTemp}). It carries the run's
 * Flink settings ({@code -D}, the {@code --config} file's Flink keys), so the S3 or HDFS the commands
 * check is the one its tasks and checkpoints reach.
 */
public final class EmbeddedFlink {
    /** RocksDB's bloom filters (a -D or --config key of the same name wins). */
    static final ConfigOption<Boolean> BLOOM_FILTER =
            ConfigOptions.key("state.backend.rocksdb.use-bloom-filter").booleanType().defaultValue(false);
    private EmbeddedFlink() {}

    public static StreamExecutionEnvironment environment(int parallelism) {
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, configuration());
    }

    /**
     * With a state backend and checkpoints on disk: without a directory Flink keeps checkpoints in the
     * JobManager's memory, which refuses state beyond a few megabytes. Checkpoints are kept when the job
     * is cancelled or fails (and a killed process deletes nothing), so a rerun can resume from them.
     */
    public static StreamExecutionEnvironment environment(int parallelism, StateSettings state) {
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, stateful(state));
    }

    /**
     * The streaming job's cluster: as {@link #environment(int, StateSettings)}, restoring {@code restore}
     * (null: empty state). Every operator must have a uid (one without would get a generated id that
     * changes with the topology, and its state could not be restored after an upgrade).
     */
    public static StreamExecutionEnvironment streaming(int parallelism, StateSettings state, RestorePoint restore) {
        Configuration conf = stateful(state);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        if (restore != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restore.dir().toUri().toString());
        }
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }

    private static Configuration stateful(StateSettings state) {
        Configuration conf = configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, state.backend().wire());
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, state.checkpointDir().toUri().toString());
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, state.savepointDir().toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, state.backend() == StateSettings.Backend.ROCKSDB);
        if (state.backend() == StateSettings.Backend.ROCKSDB && !conf.containsKey(BLOOM_FILTER.key())) {
            // Most dedup lookups are for ids never seen: without a filter each one searches every level.
            conf.set(BLOOM_FILTER, true);
        }
        return conf;
    }

    /**
     * The run's Flink settings ({@code -D}, {@code --config}: {@link dev.episodes.storage.StoreSettings#current},
     * the ones the file systems were initialised with), then what the CLI itself decides, which wins.
     */
    static Configuration configuration() {
        Configuration conf = Configuration.fromMap(dev.episodes.storage.StoreSettings.current().keys());
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestOptions.BIND_PORT, "0"); // never collide with a cluster already on 8081
        // Read now, not from the option's default (fixed when Flink's classes load).
        conf.set(CoreOptions.TMP_DIRS, System.getProperty("java.io.tmpdir"));
        // Accumulators travel with heartbeats: a short interval keeps the progress line live.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(500));
        return conf;
    }
}
