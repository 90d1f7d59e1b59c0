package dev.episodes.writing;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Publishes what a finished run staged under {@code _staging/<run>/}: each partition it built replaces
 * the partition of the same date whole, then its manifest is written (atomically) and {@code _SUCCESS}
 * after it. Dead letters move to {@code _private/rejected/}. Nothing temporary remains under the root after a
 * commit, and {@link #cleanStaging} removes whatever a crashed run left. The same input and
 * configuration publish the same bytes (file names, rows, manifests, dead letters in sorted order).
 */
public final class DatasetCommitter {
    public static final String SCHEMA_VERSION = "1.0";
    private static final String REPLACED = "_replaced";

    private final Path root;
    private final String runId;

    public DatasetCommitter(Path root, String runId) {
        this.root = root;
        this.runId = runId;
    }

    /**
     * Removes leftovers of earlier runs that did not finish (staging folders, temp files), first putting
     * back any partition a crashed publish had moved aside and not yet replaced.
     */
    public static void cleanStaging(Path root) throws IOException {
        for (Path run : listDirs(root.resolve(DatasetLayout.STAGING), "")) {
            for (Path old : listDirs(run.resolve(REPLACED), "dt=")) {
                Path target = root.resolve(old.getFileName());
                if (!Files.exists(target)) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        deleteRecursively(root.resolve(DatasetLayout.STAGING));
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    public CommitSummary commit(Map<String, Object> input, String pseudonymKeyId, Map<String, Object> config)
            throws IOException {
        return commit(input, pseudonymKeyId, config, List.of());
    }

    /**
     * Publishes every staged partition; {@code covered} names partitions this run is responsible for
     * even when it made no episode for them (a rebuilt day that is now empty replaces the old one).
     */
    public CommitSummary commit(Map<String, Object> input, String pseudonymKeyId, Map<String, Object> config,
            List<String> covered) throws IOException {
        Path staging = DatasetLayout.staging(root, runId);
        Files.createDirectories(staging);
        for (String partition : covered) {
            Files.createDirectories(staging.resolve(partition));
        }
        List<Manifest> published = new ArrayList<>();
        for (Path staged : listDirs(staging, "dt=")) {
            Manifest m = manifest(staged, input, pseudonymKeyId, Manifest.scopeOf(config));
            deleteRecursively(staged.resolve(DatasetLayout.STATS));
            publish(staged, m);
            publishAudit(staging.resolve(DatasetLayout.AUDIT).resolve(staged.getFileName()), staged.getFileName());
            published.add(m);
        }
        long rejectedFiles = moveRejected(staging.resolve(DatasetLayout.REJECTED));
        moveLegacyRejected();
        writeInfo(config, pseudonymKeyId);
        deleteRecursively(root.resolve(DatasetLayout.STAGING));
        return sum(published, rejectedFiles);
    }

    private Manifest manifest(Path staged, Map<String, Object> input, String keyId, Map<String, Object> scope)
            throws IOException {
        List<ShardStats> shards = new ArrayList<>();
        for (Path stats : listFiles(staged.resolve(DatasetLayout.STATS), ".json")) {
            shards.add(Json.MAPPER.readValue(stats.toFile(), ShardStats.class));
        }
        shards.sort((a, b) -> a.file().compareTo(b.file()));
        List<Manifest.FileEntry> entries = new ArrayList<>();
        Map<String, Long> byAction = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        long bytes = 0;
        long rows = 0;
        long episodes = 0;
        for (ShardStats s : shards) {
            Path stepsPath = staged.resolve(s.file());
            Path episodesPath = staged.resolve(s.episodesFile());
            entries.add(new Manifest.FileEntry(s.file(), DatasetLayout.STEPS, Files.size(stepsPath), s.rows(),
                    s.episodes(), sha256(stepsPath), s.users()));
            entries.add(new Manifest.FileEntry(s.episodesFile(), DatasetLayout.EPISODES, Files.size(episodesPath),
                    s.episodes(), s.episodes(), sha256(episodesPath), s.users()));
            bytes += Files.size(stepsPath) + Files.size(episodesPath);
            rows += s.rows();
            episodes += s.episodes();
            s.stepsByAction().forEach((k, v) -> byAction.merge(k, v, Long::sum));
            s.redactionsByKind().forEach((k, v) -> byKind.merge(k, v, Long::sum));
        }
        long redactions = byKind.values().stream().mapToLong(Long::longValue).sum();
        List<Path> episodesFiles = shards.stream().map(s -> staged.resolve(s.episodesFile())).toList();
        return new Manifest(SCHEMA_VERSION, staged.getFileName().toString(), runId, input, keyId, entries,
                new Manifest.Totals(entries.size(), bytes, rows, episodes, redactions), byAction, byKind,
                PartitionStats.of(episodesFiles), scope);
    }

    /**
     * Swaps a staged partition in: its manifest is the last file written into it (still in staging), the
     * old partition is moved aside, the new one moved in, then {@code _SUCCESS}. A crash between the two
     * moves leaves the old partition under {@code _replaced}; {@link #cleanStaging} puts it back.
     */
    private void publish(Path staged, Manifest manifest) throws IOException {
        Json.writeAtomically(staged.resolve(DatasetLayout.MANIFEST), manifest);
        Path target = root.resolve(staged.getFileName());
        Path replaced = DatasetLayout.staging(root, runId).resolve(REPLACED).resolve(staged.getFileName());
        if (Files.exists(target)) {
            Files.createDirectories(replaced.getParent());
            Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        Files.createFile(target.resolve(DatasetLayout.SUCCESS));
        deleteRecursively(replaced);
    }

    /** The audit trail of a partition is replaced together with the partition. */
    private void publishAudit(Path stagedAudit, Path partitionName) throws IOException {
        Path target = root.resolve(DatasetLayout.AUDIT).resolve(partitionName);
        deleteRecursively(target);
        if (Files.isDirectory(stagedAudit)) {
            Files.createDirectories(target.getParent());
            Files.move(stagedAudit, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private long moveRejected(Path stagedRejected) throws IOException {
        List<Path> files = listFiles(stagedRejected, ".jsonl");
        if (files.isEmpty()) {
            return 0;
        }
        Path target = root.resolve(DatasetLayout.REJECTED);
        PrivateFiles.createDirectories(root.resolve(DatasetLayout.PRIVATE), target);
        for (Path f : files) {
            // Sorted: parallel decoders and timelines emit dead letters in no fixed order.
            Path tmp = target.resolve("." + f.getFileName() + ".tmp");
            SortedLines.sort(f, tmp);
            Path moved = Files.move(tmp, target.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            PrivateFiles.restrictFile(moved);
            Files.delete(f);
        }
        return files.size();
    }

    /**
     * Datasets built before schema 1.1 kept dead letters (with raw records) in a world-readable
     * {@code _rejected/}: they move into the owner-only {@code _private/rejected/}, never left in the open.
     */
    private void moveLegacyRejected() throws IOException {
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

    private void writeInfo(Map<String, Object> config, String keyId) throws IOException {
        writeInfo(root, runId, config, keyId);
    }

    /** Writes {@code _meta/info.json}: schema version, path templates, column docs, configuration. */
    public static void writeInfo(Path root, String runId, Map<String, Object> config, String keyId) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("schema_version", SCHEMA_VERSION);
        info.put("path_templates", Map.of(
                "steps", "dt={date}/steps/part-{run}-{n}.parquet",
                "episodes", "dt={date}/episodes/part-{run}-{n}.parquet",
                "manifest", "dt={date}/_manifest.json",
                "rejected", DatasetLayout.REJECTED + "/rejected-{run}-{n}.jsonl"));
        info.put("columns", ColumnDocs.ALL);
        info.put("pseudonym_key_id", keyId);
        info.put("config", config);
        info.put("last_run_id", runId);
        Json.writeAtomically(root.resolve(DatasetLayout.META).resolve(DatasetLayout.INFO), info);
    }

    /** What one run's manifests record (the partitions it published), summed. */
    public static CommitSummary summarizeRun(Path root, String runId, long deadLetterFiles) throws IOException {
        return sum(manifests(root).stream().filter(m -> runId.equals(m.runId())).toList(), deadLetterFiles);
    }

    /** What the dataset's manifests record, summed over partitions. */
    public static CommitSummary summarize(Path root, long deadLetterFiles) throws IOException {
        return sum(manifests(root), deadLetterFiles);
    }

    private static List<Manifest> manifests(Path root) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        for (Path p : listDirs(root, "dt=")) {
            Path mf = p.resolve(DatasetLayout.MANIFEST);
            if (Files.exists(mf)) {
                manifests.add(Json.MAPPER.readValue(mf.toFile(), Manifest.class));
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
        for (Manifest m : manifests) {
            partitions.add(m.partition());
            files += m.totals().files();
            bytes += m.totals().bytes();
            steps += m.totals().steps();
            episodes += m.totals().episodes();
            m.stepsByAction().forEach((k, v) -> byAction.merge(k, v, Long::sum));
            m.redactionsByKind().forEach((k, v) -> byKind.merge(k, v, Long::sum));
        }
        return new CommitSummary(partitions, files, bytes, steps, episodes, byAction, byKind, deadLetterFiles);
    }

    /** The hex SHA-256 of a file, as manifests record it. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
