package dev.episodes.inspect;

import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.ShardReader;
import dev.episodes.writing.StoreDigest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * Compares a partition's current manifest (the newest version of its log) with what its store holds.
 * Readers trust the manifest, so what matters is where the store breaks that trust: named files that are
 * gone or changed size (or, on request, content), and files nobody names (orphans) or temporary files,
 * which a listing reader would pick up. Retired files (replaced, kept for the grace period) and the log's
 * own versions are expected. On request it also reads the rows: an episode in two files, or a step twice,
 * would be counted twice by every reader (two runs that both added the same episodes).
 */
final class IntegrityCheck {
    private static final Schema KEYS = SchemaBuilder.record("StepKey").fields()
            .requiredString("episode_id").requiredInt("step_index").endRecord();
    private static final Schema IDS = SchemaBuilder.record("EpisodeKey").fields()
            .requiredString("episode_id").endRecord();
    private static final String LOG = "_manifests";

    private IntegrityCheck() {}

    /** {@code partition} is the partition's key ({@code dt=D}); {@code version} the manifest's log version. */
    static List<FileIssue> of(Store store, String partition, long version, Manifest manifest, boolean verifyChecksums)
            throws IOException {
        List<FileIssue> issues = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        List<Manifest.FileEntry> intact = new ArrayList<>();
        for (Manifest.FileEntry e : manifest.files()) {
            String key = inside(partition, e.path());
            String shown = partition + "/" + e.path();
            if (key == null) {
                issues.add(new FileIssue(shown, FileIssue.Kind.MISSING, "the manifest gives no path inside the partition"));
                continue;
            }
            expected.add(key);
            long size = store.size(key);
            if (size < 0) {
                issues.add(new FileIssue(shown, FileIssue.Kind.MISSING,
                        "listed with " + e.sizeBytes() + " bytes, not on disk"));
            } else if (size != e.sizeBytes()) {
                issues.add(new FileIssue(shown, FileIssue.Kind.SIZE_DIFFERS,
                        size + " bytes on disk, the manifest says " + e.sizeBytes()));
            } else if (verifyChecksums && !StoreDigest.sha256(store, key).equalsIgnoreCase(e.sha256())) {
                issues.add(new FileIssue(shown, FileIssue.Kind.CHECKSUM_DIFFERS, "SHA-256 differs from the manifest's"));
            } else {
                intact.add(e);
            }
        }
        for (String audit : manifest.audit()) {
            if (!store.exists(audit)) {
                issues.add(new FileIssue(audit, FileIssue.Kind.MISSING, "an audit file the manifest names, not there"));
            }
        }
        manifest.retired().forEach(r -> expected.add(r.path()));
        expected.add(partition + "/" + DatasetLayout.MANIFEST);
        expected.add(partition + "/" + DatasetLayout.SUCCESS);
        for (Listed f : walk(store, partition)) {
            String name = f.key().substring(f.key().lastIndexOf('/') + 1);
            if (name.startsWith(".") || name.endsWith(".tmp") || f.key().contains("/_temporary/")) {
                issues.add(new FileIssue(f.key(), FileIssue.Kind.TEMP, f.size() + " bytes, a temporary file"));
            } else if (!expected.contains(f.key()) && !logVersion(partition, f.key(), version)) {
                issues.add(new FileIssue(f.key(), FileIssue.Kind.STRAY, f.size() + " bytes, not in the manifest"));
            }
        }
        if (verifyChecksums) {
            issues.addAll(duplicates(store, partition, intact));
            issues.addAll(FramesCheck.of(store, partition, manifest, intact));
        }
        return issues;
    }

    /** Whether a key is one of the partition's committed log versions ({@code _manifests/<n>.json}, n <= current). */
    private static boolean logVersion(String partition, String key, long current) {
        String prefix = partition + "/" + LOG + "/";
        if (!key.startsWith(prefix) || !key.endsWith(".json")) {
            return false;
        }
        String n = key.substring(prefix.length(), key.length() - ".json".length());
        if (n.length() != 20 || !n.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Long.parseLong(n) <= current;
    }

    /** A file under a key: its dataset-relative key and size. */
    record Listed(String key, long size) {}

    /** Every file under {@code key}, depth first, in name order (a report's listing, never a reader's). */
    static List<Listed> walk(Store store, String key) throws IOException {
        List<Listed> out = new ArrayList<>();
        for (StoreEntry e : store.list(key)) {
            String child = key.isEmpty() ? e.name() : key + "/" + e.name();
            if (e.directory()) {
                out.addAll(walk(store, child));
            } else {
                out.add(new Listed(child, e.size()));
            }
        }
        return out;
    }

    /** As {@link #duplicates(Store, String, List)} for a partition folder on a local disk. */
    static List<FileIssue> duplicates(Path partition, List<Manifest.FileEntry> files) throws IOException {
        return duplicates(Store.local(partition.getParent()), partition.getFileName().toString(), files);
    }

    /**
     * Steps files hold rows sorted by (episode_id, step_index) with each episode whole in one file, so a
     * repeated step is a row whose step_index does not advance within its episode, and a repeated episode
     * an id another file of the table already had. Only files that matched the manifest are read; the
     * episode ids of a partition are held in memory (a partition's episodes, not its steps).
     */
    static List<FileIssue> duplicates(Store store, String partition, List<Manifest.FileEntry> files)
            throws IOException {
        List<FileIssue> issues = new ArrayList<>();
        for (String table : List.of(DatasetLayout.STEPS, DatasetLayout.EPISODES)) {
            boolean steps = table.equals(DatasetLayout.STEPS);
            Map<String, String> fileOf = new HashMap<>();
            for (Manifest.FileEntry e : files) {
                if (!table.equals(e.table())) {
                    continue;
                }
                String key = inside(partition, e.path());
                long[] repeated = new long[2]; // rows repeating the previous key, episodes seen in another file
                Map<String, Long> otherFiles = new TreeMap<>();
                String[] previous = {null};
                int[] highestIndex = {-1}; // of the episode the rows are in
                ShardReader.scanColumns(store, key, steps ? KEYS : IDS, r -> {
                    String id = r.get("episode_id").toString();
                    int index = steps ? (Integer) r.get("step_index") : -1;
                    boolean sameEpisode = id.equals(previous[0]);
                    if (sameEpisode && (!steps || index <= highestIndex[0])) {
                        repeated[0]++;
                    } else if (!sameEpisode) {
                        String other = fileOf.putIfAbsent(id, e.path());
                        if (other != null) {
                            repeated[1]++;
                            otherFiles.merge(other.equals(e.path()) ? "this file, apart" : other, 1L, Long::sum);
                        }
                    }
                    highestIndex[0] = sameEpisode ? Math.max(highestIndex[0], index) : index;
                    previous[0] = id;
                    return true;
                });
                String shown = partition + "/" + e.path();
                if (repeated[0] > 0) {
                    issues.add(new FileIssue(shown, FileIssue.Kind.DUPLICATE, repeated[0] + (steps
                            ? " rows repeat a step_index their episode already had"
                            : " rows repeat the episode_id of the row before")));
                }
                if (repeated[1] > 0) {
                    issues.add(new FileIssue(shown, FileIssue.Kind.DUPLICATE, repeated[1] + " episodes are also in "
                            + String.join(", ", otherFiles.keySet())));
                }
            }
        }
        return issues;
    }

    /** A manifest path as a key under its partition, or null if it would leave it. */
    static String inside(String partition, String relative) {
        if (relative == null || relative.isEmpty() || relative.startsWith("/")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String p : relative.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(p);
            }
        }
        return parts.isEmpty() ? null : partition + "/" + String.join("/", parts);
    }
}
