package dev.episodes.cli;

import dev.episodes.config.StateSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** State backend and checkpoint location of the streaming job on the embedded cluster. */
public final class StateFlags {
    @Option(names = "--state-backend", defaultValue = "hashmap",
            description = "hashmap (state on the heap) or rocksdb (on local disk, for more devices than the heap holds) "
                    + "(default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--checkpoint-dir",
            description = "Where checkpoints go (default: <out>.state/checkpoints). They hold unredacted in-flight "
                    + "events: keep them private, never ship them with the dataset.")
    Path checkpointDir;

    StateSettings settings(Path datasetRoot) {
        StateSettings.Backend b = StateSettings.Backend.parse(backend);
        return checkpointDir == null ? StateSettings.besideDataset(b, datasetRoot) : new StateSettings(b, checkpointDir);
    }

    /**
     * As {@link #settings(Path)}; a root on another store (S3, HDFS) has no local folder beside it for the
     * embedded cluster's checkpoints, so {@code --checkpoint-dir} is then required.
     */
    StateSettings settings(DatasetRoot root) {
        if (root.isLocal() || checkpointDir != null) {
            return settings(root.localPath().orElse(null));
        }
        throw new IllegalArgumentException("--out " + root + " is not a local folder, so its checkpoints have no "
                + "default place: give --checkpoint-dir (a private local folder for the embedded cluster's state)");
    }
}
