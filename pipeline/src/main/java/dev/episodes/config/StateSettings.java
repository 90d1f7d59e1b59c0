package dev.episodes.config;

import java.nio.file.Path;

/**
 * Where keyed state lives while the job runs ({@code hashmap}: objects on the heap; {@code rocksdb}:
 * serialized on local disk, for state larger than the heap) and where checkpoints go. Checkpoints hold
 * events not yet redacted (reorder buffers, text being typed): keep them away from the dataset.
 */
public record StateSettings(Backend backend, Path checkpointDir) {
    public enum Backend {
        HASHMAP, ROCKSDB;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** {@code hashmap} or {@code rocksdb}, as flags spell them. */
        public static Backend parse(String value) {
            for (Backend b : values()) {
                if (b.wire().equals(value.trim())) {
                    return b;
                }
            }
            throw new IllegalArgumentException("the state backend is hashmap or rocksdb, got '" + value + "'");
        }
    }

    public StateSettings {
        if (backend == null || checkpointDir == null) {
            throw new IllegalArgumentException("state backend and checkpoint directory are required");
        }
        checkpointDir = checkpointDir.toAbsolutePath();
    }

    /**
     * Where a graceful stop writes its savepoint: inside the checkpoint directory, so everything a
     * restore needs (and everything unredacted) stays in one private place.
     */
    public Path savepointDir() {
        return checkpointDir.resolve("savepoints");
    }

    /** Checkpoints beside the dataset root, never inside it: {@code <out>.state/checkpoints}. */
    public static StateSettings besideDataset(Backend backend, Path datasetRoot) {
        Path root = datasetRoot.toAbsolutePath().normalize();
        return new StateSettings(backend, root.resolveSibling(root.getFileName() + ".state").resolve("checkpoints"));
    }
}
