package dev.episodes.writing;

import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Publishes what a finished bounded run wrote: its shards are already under their final, unique names
 * in their partitions (uploaded by the writers, named by no manifest yet); each partition it covers is
 * committed as a {@link Rebuild} through {@link PartitionLog} (the base is what the partition held when
 * the run started), then {@code _SUCCESS} is written. Dead letters are uploaded sorted to
 * {@code _private/rejected/}. A run removes only what it wrote itself: its own orphans when rerun
 * ({@link #removeOrphans}), never {@code _staging/} or temp files of others. The same input and
 * configuration publish the same bytes: a rerun whose shards have the bytes of the files the partition
 * names reuses them, and commits nothing new.
 */
public final class DatasetCommitter {
    /** 1.1: the frames table, frame_id in steps, screenshot_ref always null. */
    public static final String SCHEMA_VERSION = "1.1";
    private static final String REPLACED = "_replaced";

    private final Store store;
    private final String runId;
    private final Duration grace;

    public DatasetCommitter(Store store, String runId, Duration grace) {
        this.store = store;
        this.runId = runId;
        this.grace = grace;
    }

    public DatasetCommitter(Path root, String runId) {
        this(Store.local(root), runId, DatasetLayout.RETIRED_GRACE);
    }

    /**
     * Before schema 1.1 a bounded publish swapped partitions by rename through {@code _staging/<run>/}:
     * a crash could leave the old partition moved aside under {@code _replaced}. Puts such partitions
     * back and removes those old bounded-run folders (never {@code _staging/stream} or locks of an older
     * streaming job, never temp files). Local roots only: no other store ever had that layout.
     */
    public static void cleanStaging(Path root) throws IOException {
        Path staging = root.resolve(DatasetLayout.STAGING);
        for (Path run : listDirs(staging, "")) {
            String name = run.getFileName().toString();
            if (name.equals("stream") || name.equals("locks")) {
                continue;
            }
            for (Path old : listDirs(run.resolve(REPLACED), "dt=")) {
                Path target = root.resolve(old.getFileName());
                if (!Files.exists(target)) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            deleteRecursively(run);
        }
        if (Files.isDirectory(staging)) {
            try (Stream<Path> left = Files.list(staging)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(staging);
                }
            }
        }
    }

    /**
     * What a crashed earlier attempt of this run wrote and never committed: files {@code part-<run>-*}
     * under any partition, and their audit files, that neither the current manifest nor its retired list
     * names. Returns the keys deleted.
     */
    public List<String> removeOrphans() throws IOException {
        return removeOrphans(RebuildBase.partitions(store));
    }

    /** As {@link #removeOrphans()}, in these partitions only (a build of known days). */
    public List<String> removeOrphans(List<String> partitions) throws IOException {
        // Any age: a run id is one run's, and the same run is never two writers at once (the lease).
        return Orphans.remove(store, partitions, "part-" + runId + "-", Duration.ZERO, System.currentTimeMillis(), grace);
    }

    /**
     * Commits every partition the run wrote shards for, and those of {@code covered} (partitions this run
     * is responsible for even when it made no episode for them: a rebuilt day that is now empty), each as
     * a rebuild of {@code base}; then {@code _SUCCESS}, legacy dead letters moved, {@code info.json}.
     */
    public CommitSummary commit(List<StagedShard> shards, RebuildBase base, Map<String, Object> input,
            String pseudonymKeyId, Map<String, Object> config, List<String> covered, long rejectedFiles)
            throws IOException {
        Map<String, List<StagedShard>> byPartition = new TreeMap<>();
        for (String p : covered) {
            byPartition.put(p, new ArrayList<>());
        }
        for (StagedShard s : shards) {
            byPartition.computeIfAbsent(s.partition(), p -> new ArrayList<>()).add(s);
        }
        List<Manifest> published = new ArrayList<>();
        for (Map.Entry<String, List<StagedShard>> e : byPartition.entrySet()) {
            List<StagedShard> built = new ArrayList<>(e.getValue());
            built.sort(Comparator.comparing(StagedShard::stepsFile));
            PartitionLog log = new PartitionLog(store, e.getKey(), grace);
            try (Rebuild rebuild = new Rebuild(store, e.getKey(), base, built, runId, input, pseudonymKeyId,
                    Manifest.scopeOf(config))) {
                PartitionLog.Outcome out = log.commit(rebuild);
                ShardFiles.deleteAll(store, rebuild.unused(out.snapshot().manifest()));
                published.add(out.snapshot().manifest());
            }
            String success = e.getKey() + "/" + DatasetLayout.SUCCESS;
            try {
                if (!store.exists(success)) {
                    store.create(success).close();
                }
            } catch (IOException raced) {
                // A streaming append deleted the marker while it was being made (HDFS refuses to close a file
                // deleted meanwhile): the day is no longer only this build's, so no marker is right. The
                // manifest, committed above, is what readers trust.
            }
        }
        moveLegacyRejected();
        writeInfo(store, runId, config, pseudonymKeyId);
        return sum(published, rejectedFiles);
    }

    /**
     * Uploads a run's dead letters (a local JSON Lines file) sorted, as {@code _private/rejected/<name>},
     * replacing the file of that name (an earlier attempt of the same run); owner-only on local disks.
     * Sorted: parallel decoders and timelines emit dead letters in no fixed order.
     */
    public static void publishRejected(Store store, Path local, String name) throws IOException {
        Path sorted = local.resolveSibling(local.getFileName() + ".sorted");
        SortedLines.sort(local, sorted);
        String key = DatasetLayout.REJECTED + "/" + name;
        java.util.Optional<Path> localRoot = store.localRoot();
        if (localRoot.isPresent()) {
            PrivateFiles.createDirectories(localRoot.get().resolve(DatasetLayout.PRIVATE),
                    localRoot.get().resolve(DatasetLayout.REJECTED));
        }
        store.delete(key);
        store.upload(sorted, key);
        Files.delete(sorted);
        if (localRoot.isPresent()) {
            PrivateFiles.restrictFile(localRoot.get().resolve(key));
        }
    }

    /**
     * Datasets built before schema 1.1 kept dead letters (with raw records) in a world-readable
     * {@code _rejected/}: they move into the owner-only {@code _private/rejected/}, never left in the open.
     */
    private void moveLegacyRejected() throws IOException {
        if (store.localRoot().isEmpty()) {
            return;
        }
        Path root = store.localRoot().get();
        Path legacy = root.resolve("_rejected");
        if (!Files.isDirectory(legacy)) {
            return;
        }
        Path target = root.resolve(DatasetLayout.REJECTED);
        PrivateFiles.createDirectories(root.resolve(DatasetLayout.PRIVATE), target);
        for (Path f : listFiles(legacy, ".jsonl")) {
            Path moved = Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            PrivateFiles.restrictFile(moved);
        }
        deleteRecursively(legacy);
    }

    /** Writes {@code _meta/info.json}: schema version, path templates, column docs, configuration. */
    public static void writeInfo(Path root, String runId, Map<String, Object> config, String keyId) throws IOException {
        writeInfo(Store.local(root), runId, config, keyId);
    }

    /** Writes {@code _meta/info.json} (replaced whole): schema version, path templates, column docs, configuration. */
    public static void writeInfo(Store store, String runId, Map<String, Object> config, String keyId)
            throws IOException {
        DatasetScopes.requireSame(store, config);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("schema_version", SCHEMA_VERSION);
        info.put("path_templates", Map.of(
                "steps", "dt={date}/steps/part-{run}-{n}.parquet",
                "episodes", "dt={date}/episodes/part-{run}-{n}.parquet",
                "frames", "dt={date}/frames/part-{run}-{n}.parquet",
                "manifest", "dt={date}/_manifest.json",
                "rejected", DatasetLayout.REJECTED + "/rejected-{run}-{n}.jsonl"));
        info.put("columns", ColumnDocs.ALL);
        info.put("pseudonym_key_id", keyId);
        info.put("config", config);
        info.put("last_run_id", runId);
        store.replace(DatasetLayout.META + "/" + DatasetLayout.INFO, Json.MAPPER.writeValueAsBytes(info));
        DatasetCard.write(store, config); // README.md: the dataset card, rewritten whole with info.json
    }

    /** What one run's manifests record (the partitions it published), summed. */
    public static CommitSummary summarizeRun(Path root, String runId, long deadLetterFiles) throws IOException {
        return summarizeRun(Store.local(root), runId, deadLetterFiles);
    }

    public static CommitSummary summarizeRun(Store store, String runId, long deadLetterFiles) throws IOException {
        return sum(manifests(store).stream().filter(m -> runId.equals(m.runId())).toList(), deadLetterFiles);
    }

    /** What the dataset's manifests record, summed over partitions. */
    public static CommitSummary summarize(Path root, long deadLetterFiles) throws IOException {
        return summarize(Store.local(root), deadLetterFiles);
    }

    public static CommitSummary summarize(Store store, long deadLetterFiles) throws IOException {
        return sum(manifests(store), deadLetterFiles);
    }

    private static List<Manifest> manifests(Store store) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        for (String p : RebuildBase.partitions(store)) {
            PartitionLog.Snapshot s = new PartitionLog(store, p, DatasetLayout.RETIRED_GRACE).current();
            if (s.manifest() != null) {
                manifests.add(s.manifest());
            }
        }
        return manifests;
    }

    private static CommitSummary sum(List<Manifest> manifests, long deadLetterFiles) {
        List<String> partitions = new ArrayList<>();
        int files = 0;
        long bytes = 0;
        long steps = 0;
        long episodes = 0;
        Map<String, Long> byAction = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        long frames = 0;
        Map<String, Long> framesFailed = new TreeMap<>();
        for (Manifest m : manifests) {
            frames += m.totals().frames();
            m.framesFailed().forEach((k, v) -> framesFailed.merge(k, v, Long::sum));
            partitions.add(m.partition());
            files += m.totals().files();
            bytes += m.totals().bytes();
            steps += m.totals().steps();
            episodes += m.totals().episodes();
            m.stepsByAction().forEach((k, v) -> byAction.merge(k, v, Long::sum));
            m.redactionsByKind().forEach((k, v) -> byKind.merge(k, v, Long::sum));
        }
        return new CommitSummary(partitions, files, bytes, steps, episodes, byAction, byKind, deadLetterFiles, frames,
                framesFailed);
    }

    /** The hex SHA-256 of a file, as manifests record it. */
    public static String sha256(Path file) throws IOException {
        return StoreDigest.sha256(file);
    }

    private static List<Path> listDirs(Path dir, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> Files.isDirectory(p)
                && p.getFileName().toString().startsWith(prefix))) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private static List<Path> listFiles(Path dir, String suffix) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().endsWith(suffix))) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    /**
     * Deletes {@code dir} and everything under it. Files that vanish meanwhile are fine: Flink discards
     * subsumed checkpoints' shared files asynchronously, also after a job has ended, and a bench or a test
     * removing the checkpoint folder then raced it ("no such file ... shared/...").
     */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return; // not following links: a link to nothing is still removed, a link is never followed
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof java.nio.file.NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
