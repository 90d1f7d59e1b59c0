package dev.episodes.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.ShardReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads what a dataset holds the way its readers do: data files only through the partitions'
 * manifests, never from a directory listing, and says where the folder disagrees with them.
 * Read-only. Expected failures (no such folder, date or episode) are {@link IllegalArgumentException}s
 * with a message for a person; unreadable files are {@link IOException}s naming the file.
 */
public final class DatasetInspector {
    /** Episodes listed by start time, then id, so the order is stable. */
    static final Comparator<EpisodeRow> BY_START =
            Comparator.comparingLong(EpisodeRow::startTsUs).thenComparing(EpisodeRow::episodeId);

    // A newer writer may add manifest fields; an inspector should still read the ones it knows.
    private static final ObjectReader MANIFESTS = Json.MAPPER.readerFor(Manifest.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;

    private DatasetInspector(Path root) {
        this.root = root;
    }

    /** Opens a dataset root, refusing what is not one. */
    public static DatasetInspector open(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new IllegalArgumentException("no dataset at " + root + ": it does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is a file, not a dataset folder");
        }
        DatasetInspector d = new DatasetInspector(root);
        if (!Files.exists(root.resolve(DatasetLayout.META).resolve(DatasetLayout.INFO)) && d.partitionDirs().isEmpty()) {
            throw new IllegalArgumentException(root + " is not an episode dataset: it has neither "
                    + DatasetLayout.META + "/" + DatasetLayout.INFO + " nor dt=YYYY-MM-DD partitions");
        }
        return d;
    }

    /** Every partition's manifest figures and file issues; {@code verifyChecksums} reads every data file. */
    public DatasetOverview overview(boolean verifyChecksums) throws IOException {
        List<String> notes = new ArrayList<>();
        DatasetInfo info = null;
        try {
            info = DatasetInfo.read(root);
            if (info == null) {
                notes.add("no " + DatasetLayout.META + "/" + DatasetLayout.INFO + " (no run has finished here)");
            }
        } catch (IOException e) {
            notes.add(DatasetLayout.META + "/" + DatasetLayout.INFO + " is unreadable: " + message(e));
        }
        List<PartitionSummary> partitions = new ArrayList<>();
        for (Map.Entry<LocalDate, Path> p : partitionDirs().entrySet()) {
            partitions.add(summary(p.getKey(), p.getValue(), verifyChecksums));
        }
        if (info != null && info.pseudonymKeyId() != null) {
            String key = info.pseudonymKeyId();
            List<String> otherKey = partitions.stream()
                    .filter(p -> p.pseudonymKeyId() != null && !p.pseudonymKeyId().equals(key))
                    .map(PartitionSummary::partition).toList();
            if (!otherKey.isEmpty()) {
                notes.add("built with another pseudonym key than " + key + " (the latest run's): "
                        + String.join(", ", otherKey) + "; erasure runs once per key");
            }
        }
        long staged = stagedFiles();
        if (staged > 0) {
            notes.add(DatasetLayout.STAGING + "/ holds " + staged + (staged == 1 ? " file" : " files")
                    + ": a run is in progress, or one failed (the next run removes what it left)");
        }
        return new DatasetOverview(root.toAbsolutePath().normalize().toString(), info, partitions,
                DeadLetterCounts.read(root), AuditCounts.read(root), notes);
    }

    /** One partition: summary, files, and up to {@code limit} episodes by start time. */
    public PartitionDetail partition(LocalDate date, int limit, boolean verifyChecksums) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("the episode limit must be at least 1, got " + limit);
        }
        Path dir = partitionDir(date);
        PartitionSummary summary = summary(date, dir, verifyChecksums);
        if (summary.state() == PartitionSummary.State.UNPUBLISHED) {
            return new PartitionDetail(summary, List.of(), List.of(), 0);
        }
        Manifest manifest = manifest(dir);
        List<DataFile> files = manifest.files().stream()
                .map(e -> new DataFile(e.path(), e.table(), e.rowCount(), e.episodeCount(), e.sizeBytes())).toList();
        // The first `limit` episodes by start, without holding a large partition's rows at once.
        PriorityQueue<EpisodeRow> first = new PriorityQueue<>(BY_START.reversed());
        long[] found = {0};
        for (Path file : existing(dir, manifest, DatasetLayout.EPISODES)) {
            scan(file, r -> {
                found[0]++;
                first.add(EpisodeRow.of(r));
                if (first.size() > limit) {
                    first.poll();
                }
                return true;
            });
        }
        List<EpisodeRow> episodes = new ArrayList<>(first);
        episodes.sort(BY_START);
        return new PartitionDetail(summary, files, episodes, found[0]);
    }

    /**
     * One episode and its steps, found through the episodes files of the manifests (of {@code date}'s
     * partition only, when given).
     */
    public EpisodeTimeline episode(String episodeId, LocalDate date) throws IOException {
        NavigableMap<LocalDate, Path> where =
                date == null ? partitionDirs() : new TreeMap<>(Map.of(date, partitionDir(date)));
        int searched = 0;
        List<String> unreadable = new ArrayList<>();
        for (Path dir : where.descendingMap().values()) {
            if (!Files.isRegularFile(dir.resolve(DatasetLayout.MANIFEST))) {
                continue; // unpublished: nothing in it is trusted
            }
            Manifest manifest;
            try {
                manifest = manifest(dir);
            } catch (IOException e) {
                if (date != null) {
                    throw e;
                }
                unreadable.add(dir.getFileName().toString()); // one broken partition should not hide the others
                continue;
            }
            searched++;
            for (Path file : existing(dir, manifest, DatasetLayout.EPISODES)) {
                List<GenericRecord> rows = rowsWhere(file, episodeId);
                if (!rows.isEmpty()) {
                    return timeline(dir, EpisodeRow.of(rows.get(0)));
                }
            }
        }
        String searchedWhat = searched + (searched == 1 ? " partition" : " partitions")
                + (unreadable.isEmpty() ? "" : "; could not read the manifests of " + String.join(", ", unreadable));
        throw new IllegalArgumentException("no episode " + episodeId + " in " + (date == null
                ? root + " (searched " + searchedWhat + ")"
                : DatasetLayout.partition(date) + " of " + root));
    }

    private EpisodeTimeline timeline(Path dir, EpisodeRow episode) throws IOException {
        String partition = dir.getFileName().toString();
        Path file = IntegrityCheck.inside(dir, episode.file());
        if (file == null || !Files.isRegularFile(file)) {
            throw new IOException("the steps file of episode " + episode.episodeId() + ", " + partition + "/"
                    + episode.file() + ", is missing");
        }
        List<StepRow> steps = new ArrayList<>();
        for (GenericRecord r : rowsWhere(file, episode.episodeId())) {
            steps.add(StepRow.of(r));
        }
        steps.sort(Comparator.comparingInt(StepRow::stepIndex));
        List<String> issues = new ArrayList<>();
        if (steps.size() != episode.numSteps()) {
            issues.add("its episodes row says " + episode.numSteps() + " steps, " + episode.file() + " holds "
                    + steps.size());
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).stepIndex() != i) {
                issues.add("step_index is not 0, 1, 2...: position " + i + " holds " + steps.get(i).stepIndex());
                break;
            }
        }
        return new EpisodeTimeline(partition, episode, steps, issues);
    }

    private PartitionSummary summary(LocalDate date, Path dir, boolean verifyChecksums) throws IOException {
        String name = dir.getFileName().toString();
        String manifestPath = name + "/" + DatasetLayout.MANIFEST;
        if (!Files.isRegularFile(dir.resolve(DatasetLayout.MANIFEST))) {
            return PartitionSummary.unpublished(name, date.toString(), new FileIssue(manifestPath,
                    FileIssue.Kind.NO_MANIFEST, "never published, or its run failed; readers skip it"));
        }
        Manifest m;
        try {
            m = MANIFESTS.readValue(dir.resolve(DatasetLayout.MANIFEST).toFile());
        } catch (IOException e) {
            return PartitionSummary.unpublished(name, date.toString(),
                    new FileIssue(manifestPath, FileIssue.Kind.BAD_MANIFEST, message(e)));
        }
        if (m.files() == null || m.totals() == null) {
            return PartitionSummary.unpublished(name, date.toString(),
                    new FileIssue(manifestPath, FileIssue.Kind.BAD_MANIFEST, "it lacks its files or totals"));
        }
        boolean complete = Files.exists(dir.resolve(DatasetLayout.SUCCESS));
        Manifest.Totals t = m.totals();
        return new PartitionSummary(name, date.toString(),
                complete ? PartitionSummary.State.COMPLETE : PartitionSummary.State.OPEN, m.runId(),
                m.pseudonymKeyId(), m.input(), t.files(), t.episodes(), t.steps(), t.bytes(), t.redactions(),
                orEmpty(m.stepsByAction()), orEmpty(m.redactionsByKind()), m.stats(),
                IntegrityCheck.of(dir, m, verifyChecksums));
    }

    private Manifest manifest(Path dir) throws IOException {
        Path file = dir.resolve(DatasetLayout.MANIFEST);
        Manifest m;
        try {
            m = MANIFESTS.readValue(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + root.relativize(file) + ": " + message(e), e);
        }
        if (m.files() == null || m.totals() == null) {
            throw new IOException(root.relativize(file) + " lacks its files or totals");
        }
        return m;
    }

    /** The files of one table a manifest lists and the disk has (the rest are reported as issues). */
    private static List<Path> existing(Path dir, Manifest manifest, String table) {
        return manifest.files().stream().filter(e -> table.equals(e.table()))
                .map(e -> IntegrityCheck.inside(dir, e.path()))
                .filter(p -> p != null && Files.isRegularFile(p)).toList();
    }

    private void scan(Path file, Predicate<GenericRecord> visitor) throws IOException {
        try {
            ShardReader.scan(file, visitor);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read " + root.relativize(file) + ": " + message(e), e);
        }
    }

    private List<GenericRecord> rowsWhere(Path file, String episodeId) throws IOException {
        try {
            return ShardReader.rowsWhere(file, "episode_id", episodeId);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read " + root.relativize(file) + ": " + message(e), e);
        }
    }

    private Path partitionDir(LocalDate date) throws IOException {
        Path dir = root.resolve(DatasetLayout.partition(date));
        if (Files.isDirectory(dir)) {
            return dir;
        }
        NavigableMap<LocalDate, Path> known = partitionDirs();
        String has = known.isEmpty() ? "it has none"
                : known.size() <= 5 ? "it has " + String.join(", ", known.values().stream()
                        .map(p -> p.getFileName().toString()).toList())
                : "it has " + known.size() + " from " + DatasetLayout.partition(known.firstKey()) + " to "
                        + DatasetLayout.partition(known.lastKey());
        throw new IllegalArgumentException("no partition " + DatasetLayout.partition(date) + " in " + root + "; " + has);
    }

    /** Partition folders by date; folders named dt= that hold no date are not partitions. */
    private NavigableMap<LocalDate, Path> partitionDirs() throws IOException {
        NavigableMap<LocalDate, Path> dirs = new TreeMap<>();
        try (Stream<Path> list = Files.list(root)) {
            for (Path p : list.filter(Files::isDirectory).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("dt=")) {
                    try {
                        dirs.put(LocalDate.parse(name.substring(3)), p);
                    } catch (DateTimeParseException notADate) {
                        // not ours
                    }
                }
            }
        }
        return dirs;
    }

    /** Files under {@code _staging/} other than the lock files a streaming job keeps between commits. */
    private long stagedFiles() throws IOException {
        Path staging = root.resolve(DatasetLayout.STAGING);
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".lock")).count();
        }
    }

    private static Map<String, Long> orEmpty(Map<String, Long> counts) {
        return counts == null ? Map.of() : counts;
    }

    private static String message(Exception e) {
        if (e instanceof JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
