package dev.episodes.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.PartitionLog;
import dev.episodes.writing.ShardReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads what a dataset holds the way its readers do: data files only through the partitions' current
 * manifests (the pointer, followed forward along the log), never from a directory listing, and says where
 * the store disagrees with them. Any store: s3://, hdfs://, local.
 * Read-only. Expected failures (no such folder, date or episode) are {@link IllegalArgumentException}s
 * with a message for a person; unreadable files are {@link IOException}s naming the file.
 */
public final class DatasetInspector {
    /** Episodes listed by start time, then id, so the order is stable. */
    static final Comparator<EpisodeRow> BY_START =
            Comparator.comparingLong(EpisodeRow::startTsUs).thenComparing(EpisodeRow::episodeId);

    private final Store store;
    private final String root;

    private DatasetInspector(Store store) {
        this.store = store;
        this.root = store.uri();
    }

    /** Opens a dataset root on a local disk, refusing what is not one. */
    public static DatasetInspector open(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new IllegalArgumentException("no dataset at " + root + ": it does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is a file, not a dataset folder");
        }
        return open(Store.local(root));
    }

    /** Opens a dataset root in any store (s3://, hdfs://, local), refusing what is not one. */
    public static DatasetInspector open(Store store) throws IOException {
        DatasetInspector d = new DatasetInspector(store);
        if (!store.exists(DatasetLayout.META + "/" + DatasetLayout.INFO) && d.partitionKeys().isEmpty()) {
            if (!store.exists("")) {
                throw new IllegalArgumentException("no dataset at " + store.uri() + ": it does not exist");
            }
            throw new IllegalArgumentException(store.uri() + " is not an episode dataset: it has neither "
                    + DatasetLayout.META + "/" + DatasetLayout.INFO + " nor dt=YYYY-MM-DD partitions");
        }
        return d;
    }

    /** Every partition's manifest figures and file issues; {@code verifyChecksums} reads every data file. */
    public DatasetOverview overview(boolean verifyChecksums) throws IOException {
        List<String> notes = new ArrayList<>();
        DatasetInfo info = null;
        try {
            info = DatasetInfo.read(store);
            if (info == null) {
                notes.add("no " + DatasetLayout.META + "/" + DatasetLayout.INFO + " (no run has finished here)");
            }
        } catch (IOException e) {
            notes.add(DatasetLayout.META + "/" + DatasetLayout.INFO + " is unreadable: " + message(e));
        }
        List<PartitionSummary> partitions = new ArrayList<>();
        for (Map.Entry<LocalDate, String> p : partitionKeys().entrySet()) {
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
        return new DatasetOverview(root, info, partitions, DeadLetterCounts.read(store), AuditCounts.read(store), notes);
    }

    /** One partition: summary, files, and up to {@code limit} episodes by start time. */
    public PartitionDetail partition(LocalDate date, int limit, boolean verifyChecksums) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("the episode limit must be at least 1, got " + limit);
        }
        String dir = partitionKey(date);
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
        for (String file : existing(dir, manifest, DatasetLayout.EPISODES)) {
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
        NavigableMap<LocalDate, String> where =
                date == null ? partitionKeys() : new TreeMap<>(Map.of(date, partitionKey(date)));
        int searched = 0;
        List<String> unreadable = new ArrayList<>();
        for (String dir : where.descendingMap().values()) {
            Manifest manifest;
            try {
                manifest = current(dir).manifest();
            } catch (IOException e) {
                if (date != null) {
                    throw new IOException("cannot read the manifest of " + dir + ": " + message(e), e);
                }
                unreadable.add(dir); // one broken partition should not hide the others
                continue;
            }
            if (manifest == null || manifest.files() == null) {
                continue; // unpublished: nothing in it is trusted
            }
            searched++;
            for (String file : existing(dir, manifest, DatasetLayout.EPISODES)) {
                List<GenericRecord> rows = rowsWhere(file, episodeId);
                if (!rows.isEmpty()) {
                    return timeline(dir, manifest, EpisodeRow.of(rows.get(0)));
                }
            }
        }
        String searchedWhat = searched + (searched == 1 ? " partition" : " partitions")
                + (unreadable.isEmpty() ? "" : "; could not read the manifests of " + String.join(", ", unreadable));
        throw new IllegalArgumentException("no episode " + episodeId + " in " + (date == null
                ? root + " (searched " + searchedWhat + ")"
                : DatasetLayout.partition(date) + " of " + root));
    }

    private EpisodeTimeline timeline(String partition, Manifest manifest, EpisodeRow episode) throws IOException {
        String file = IntegrityCheck.inside(partition, episode.file());
        if (file == null || store.size(file) < 0) {
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
        Map<String, FrameSummary> frames = frames(partition, manifest, episode, steps);
        long unknown = steps.stream().filter(st -> st.frameId() != null && !frames.containsKey(st.frameId())).count();
        if (unknown > 0) {
            issues.add(unknown + (unknown == 1 ? " step names a frame" : " steps name frames")
                    + " the partition's frames files do not hold");
        }
        return new EpisodeTimeline(partition, episode, steps, issues, frames);
    }

    /**
     * The frames of an episode whose steps name any: from the frames file of the shard that holds its steps
     * (the same part name), else from every frames file of the partition.
     */
    private Map<String, FrameSummary> frames(String partition, Manifest manifest, EpisodeRow episode,
            List<StepRow> steps) throws IOException {
        Map<String, FrameSummary> out = new TreeMap<>();
        frameRecords(partition, manifest, episode, steps, r -> {
            Map<String, Long> byKind = new TreeMap<>();
            if (r.get("masks") instanceof Iterable<?> masks) {
                for (Object m : masks) {
                    byKind.merge(String.valueOf(((GenericRecord) m).get("kind")), 1L, Long::sum);
                }
            }
            String id = r.get("frame_id").toString();
            out.put(id, new FrameSummary(id, (Integer) r.get("width"), (Integer) r.get("height"), byKind));
            return id;
        });
        return out;
    }

    /**
     * The frames of a timeline's episode in full (image bytes and masks), by frame id, read through its
     * partition's current manifest the way {@link #episode} found them; empty when no step names a frame.
     */
    public Map<String, FrameRow> frameRows(EpisodeTimeline timeline) throws IOException {
        if (timeline.steps().stream().allMatch(st -> st.frameId() == null)) {
            return Map.of();
        }
        Manifest manifest = manifest(timeline.partition());
        Map<String, FrameRow> out = new TreeMap<>();
        frameRecords(timeline.partition(), manifest, timeline.episode(), timeline.steps(), r -> {
            FrameRow row = FrameRow.of(r);
            out.put(row.frameId(), row);
            return row.frameId();
        });
        return out;
    }

    /** Hands the episode's frames rows to {@code row} (which returns the frame id), its shard's file first. */
    private void frameRecords(String partition, Manifest manifest, EpisodeRow episode, List<StepRow> steps,
            java.util.function.Function<GenericRecord, String> row) throws IOException {
        if (steps.stream().allMatch(st -> st.frameId() == null)) {
            return;
        }
        String name = episode.file().substring(episode.file().lastIndexOf('/') + 1);
        String sameShard = IntegrityCheck.inside(partition, DatasetLayout.FRAMES + "/" + name);
        List<String> files = new ArrayList<>(existing(partition, manifest, DatasetLayout.FRAMES));
        if (files.remove(sameShard)) {
            files.add(0, sameShard);
        }
        Set<String> named = new HashSet<>();
        steps.stream().map(StepRow::frameId).filter(java.util.Objects::nonNull).forEach(named::add);
        Set<String> seen = new HashSet<>();
        for (String file : files) {
            for (GenericRecord r : rowsWhere(file, episode.episodeId())) {
                seen.add(row.apply(r));
            }
            if (seen.containsAll(named)) {
                break; // usually after the first: an episode's frames are in its shard's frames file
            }
        }
    }

    /** The partition's newest version: its pointer, followed forward along its log. */
    private PartitionLog.Snapshot current(String partition) throws IOException {
        return new PartitionLog(store, partition, Duration.ZERO).current();
    }

    private PartitionSummary summary(LocalDate date, String name, boolean verifyChecksums) throws IOException {
        String manifestPath = name + "/" + DatasetLayout.MANIFEST;
        PartitionLog.Snapshot snapshot;
        try {
            snapshot = current(name);
        } catch (IOException e) {
            return PartitionSummary.unpublished(name, date.toString(),
                    new FileIssue(manifestPath, FileIssue.Kind.BAD_MANIFEST, message(e)));
        }
        Manifest m = snapshot.manifest();
        if (m == null) {
            return PartitionSummary.unpublished(name, date.toString(), new FileIssue(manifestPath,
                    FileIssue.Kind.NO_MANIFEST, "never published, or its run failed; readers skip it"));
        }
        if (m.files() == null || m.totals() == null) {
            return PartitionSummary.unpublished(name, date.toString(),
                    new FileIssue(manifestPath, FileIssue.Kind.BAD_MANIFEST, "it lacks its files or totals"));
        }
        boolean complete = store.exists(name + "/" + DatasetLayout.SUCCESS);
        Manifest.Totals t = m.totals();
        return new PartitionSummary(name, date.toString(),
                complete ? PartitionSummary.State.COMPLETE : PartitionSummary.State.OPEN, m.runId(),
                m.pseudonymKeyId(), m.input(), t.files(), t.episodes(), t.steps(), t.bytes(), t.redactions(),
                orEmpty(m.stepsByAction()), orEmpty(m.redactionsByKind()), m.stats(),
                IntegrityCheck.of(store, name, snapshot.version(), m, verifyChecksums), t.frames(),
                orEmpty(m.framesFailed()));
    }

    private Manifest manifest(String partition) throws IOException {
        String file = partition + "/" + DatasetLayout.MANIFEST;
        Manifest m;
        try {
            m = current(partition).manifest();
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + message(e), e);
        }
        if (m == null || m.files() == null || m.totals() == null) {
            throw new IOException(file + " lacks its files or totals");
        }
        return m;
    }

    /** The files (keys) of one table a manifest lists and the store has (the rest are reported as issues). */
    private List<String> existing(String partition, Manifest manifest, String table) throws IOException {
        List<String> out = new ArrayList<>();
        for (Manifest.FileEntry e : manifest.files()) {
            String key = table.equals(e.table()) ? IntegrityCheck.inside(partition, e.path()) : null;
            if (key != null && store.size(key) >= 0) {
                out.add(key);
            }
        }
        return out;
    }

    private void scan(String file, Predicate<GenericRecord> visitor) throws IOException {
        try {
            ShardReader.scan(store, file, visitor);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read " + file + ": " + message(e), e);
        }
    }

    private List<GenericRecord> rowsWhere(String file, String episodeId) throws IOException {
        try {
            return ShardReader.rowsWhere(store, file, "episode_id", episodeId);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read " + file + ": " + message(e), e);
        }
    }

    private String partitionKey(LocalDate date) throws IOException {
        String key = DatasetLayout.partition(date);
        NavigableMap<LocalDate, String> known = partitionKeys();
        if (known.containsKey(date)) {
            return key;
        }
        String has = known.isEmpty() ? "it has none"
                : known.size() <= 5 ? "it has " + String.join(", ", known.values())
                : "it has " + known.size() + " from " + DatasetLayout.partition(known.firstKey()) + " to "
                        + DatasetLayout.partition(known.lastKey());
        throw new IllegalArgumentException("no partition " + key + " in " + root + "; " + has);
    }

    /** Partition folders by date; folders named dt= that hold no date are not partitions. */
    private NavigableMap<LocalDate, String> partitionKeys() throws IOException {
        NavigableMap<LocalDate, String> dirs = new TreeMap<>();
        for (StoreEntry e : store.list("")) {
            if (e.directory() && e.name().startsWith("dt=")) {
                try {
                    dirs.put(LocalDate.parse(e.name().substring(3)), e.name());
                } catch (DateTimeParseException notADate) {
                    // not ours
                }
            }
        }
        return dirs;
    }

    /** Files under {@code _staging/} other than the lock files a streaming job keeps between commits. */
    private long stagedFiles() throws IOException {
        return IntegrityCheck.walk(store, DatasetLayout.STAGING).stream()
                .filter(f -> !f.key().endsWith(".lock")).count();
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
