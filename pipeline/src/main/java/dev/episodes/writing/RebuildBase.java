package dev.episodes.writing;

import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every partition of a dataset held when a bounded build STARTED (before it read any input): the
 * {@code base} of its rebuilds ({@link Rebuild}). Per partition: each data file with its SHA-256 (a
 * rerun that makes the same bytes reuses the file), and the audit files. Captured where the topology is
 * built and carried by the build's operators.
 */
public final class RebuildBase implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, TreeMap<String, String>> files = new HashMap<>();
    private final HashMap<String, ArrayList<String>> audit = new HashMap<>();

    /** An empty base: nothing existed. */
    public static RebuildBase empty() {
        return new RebuildBase();
    }

    /** Reads the current snapshot of every partition under the root (the listing finds the partitions only). */
    public static RebuildBase read(Store store) throws IOException {
        return read(store, partitions(store));
    }

    /** Reads the current snapshot of these partitions (a build of known days need not list the root). */
    public static RebuildBase read(Store store, List<String> partitions) throws IOException {
        RebuildBase b = new RebuildBase();
        for (String partition : partitions) {
            PartitionLog.Snapshot s = new PartitionLog(store, partition, Duration.ZERO).current();
            if (s.manifest() != null) {
                b.put(partition, s.manifest());
            }
        }
        return b;
    }

    /** The partitions under a root (a listing: for finding them, never for what they hold). */
    public static List<String> partitions(Store store) throws IOException {
        List<String> out = new ArrayList<>();
        for (StoreEntry e : store.list("")) {
            if (e.directory() && e.name().startsWith("dt=")) {
                out.add(e.name());
            }
        }
        return out;
    }

    void put(String partition, Manifest m) {
        TreeMap<String, String> f = new TreeMap<>();
        m.files().forEach(e -> f.put(e.path(), e.sha256()));
        files.put(partition, f);
        audit.put(partition, new ArrayList<>(m.audit()));
    }

    /** The data files (relative to the partition) of a partition at the start, with their SHA-256. */
    public Map<String, String> files(String partition) {
        return files.getOrDefault(partition, new TreeMap<>());
    }

    /** The audit files (dataset-relative) of a partition at the start. */
    public Set<String> audit(String partition) {
        return new TreeSet<>(audit.getOrDefault(partition, new ArrayList<>()));
    }
}
