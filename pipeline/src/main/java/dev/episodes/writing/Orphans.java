package dev.episodes.writing;

import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Files a crashed writer left and never committed: one writer's own data and audit files (by their
 * name prefix) that neither the current manifest nor its retired list names, and the commit point's
 * temp files (a writer killed inside an exclusive create or a pointer replace leaves one beside the
 * target), anyone's once older than {@link DatasetLayout#ORPHAN_GRACE}. A writer removes only these.
 */
final class Orphans {
    private Orphans() {}

    /**
     * Removes, in {@code partitions}, files whose names start with {@code prefix} (data files, and audit
     * files {@code redactions-<prefix>…}) unnamed by the partition's manifest and last modified at least
     * {@code minAge} before {@code nowMs}; returns the keys deleted.
     */
    static List<String> remove(Store store, List<String> partitions, String prefix, Duration minAge, long nowMs,
            Duration grace) throws IOException {
        List<String> deleted = new ArrayList<>();
        for (String partition : partitions) {
            PartitionLog.Snapshot s = new PartitionLog(store, partition, grace).current();
            Set<String> named = new HashSet<>();
            if (s.manifest() != null) {
                s.manifest().files().forEach(f -> named.add(partition + "/" + f.path()));
                s.manifest().retired().forEach(r -> named.add(r.path()));
                named.addAll(s.manifest().audit());
            }
            for (String dir : List.of(partition + "/" + DatasetLayout.STEPS, partition + "/" + DatasetLayout.EPISODES,
                    partition + "/" + DatasetLayout.FRAMES, DatasetLayout.AUDIT + "/" + partition)) {
                for (StoreEntry e : store.list(dir)) {
                    String key = dir + "/" + e.name();
                    boolean ours = e.name().startsWith(prefix) || e.name().startsWith("redactions-" + prefix);
                    if (!e.directory() && ours && !named.contains(key) && nowMs - e.modifiedMs() >= minAge.toMillis()
                            && store.delete(key)) {
                        deleted.add(key);
                    }
                }
            }
            for (String dir : List.of(partition, partition + "/_manifests")) {
                for (StoreEntry e : store.list(dir)) {
                    if (!e.directory() && e.name().startsWith(".") && e.name().endsWith(".tmp")
                            && nowMs - e.modifiedMs() >= DatasetLayout.ORPHAN_GRACE.toMillis()
                            && store.delete(dir + "/" + e.name())) {
                        deleted.add(dir + "/" + e.name());
                    }
                }
            }
        }
        return deleted;
    }
}
