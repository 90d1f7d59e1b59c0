package dev.episodes.writing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.identity.ScopedIdentity;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Removes every step, episode and frame of one person (by pseudonym) from a dataset, through the commit protocol
 * ({@link PartitionLog}): finds the files through the manifests' per-file pseudonyms, writes each one
 * without the person under a NEW name (a local file, then uploaded), and the audit files that name the
 * person's episodes likewise, then commits a manifest naming the new files; the old ones become retired
 * and are deleted after the grace period. A commit that loses a race applies the change again to the newer
 * manifest: files that appeared meanwhile and list the person (a streaming commit, a compaction) are
 * rewritten too, and files already rewritten are reused. Dead letters under {@code _private/rejected/} are
 * not part of a partition: each file naming the person is rewritten to a new name and the old removed.
 *
 * <p>Each erasure is recorded as its own file under {@code _private/erasures/} (pseudonym, time, files,
 * rows; never the raw id): object stores cannot append. Private, because the record names the person's
 * stable pseudonym, which under {@code --identity episode} or {@code day} nothing the training team
 * reads may hold; records written before, under {@code _audit/erasures/}, are still read. Safe to rerun. An erasure that matches nothing (a
 * wrong id or key, or one already erased) writes nothing, no record either.
 */
public final class Erasure {
    /** Where each erasure is recorded, one file each (object stores have no appends). */
    public static final String RECORDS = DatasetLayout.PRIVATE + "/erasures";
    /** Where they were recorded before issue 17 (outside {@code _private/}): still read and counted. */
    public static final String OLD_RECORDS = DatasetLayout.AUDIT + "/erasures";
    /** The retired-file grace period when none is given. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    static final String PREFIX = "erased-";

    /** What an erasure did. */
    public record Result(int filesTouched, long stepsRemoved, long episodesRemoved, long deadLettersRemoved) {
        /**
         * Whether any file listed the person or any dead letter named them: an erasure that matches nothing
         * changes and records nothing.
         */
        public boolean matched() {
            return filesTouched > 0 || deadLettersRemoved > 0;
        }
    }

    private Erasure() {}

    public static Result erase(Path root, String pseudonym) throws IOException {
        return erase(root, pseudonym, null);
    }

    /** As {@link #erase(Store, String, String, Duration)} on a local folder, with the default grace. */
    public static Result erase(Path root, String pseudonym, String keyId) throws IOException {
        return erase(Store.local(root), pseudonym, keyId, DEFAULT_GRACE);
    }

    /**
     * Erases {@code pseudonym} from partitions built with the key {@code keyId} (null: all). After a key
     * rotation the same person has another pseudonym; run once per key. Replaced files stay {@code grace}
     * for readers of an older manifest, then a later commit deletes them.
     */
    public static Result erase(Store store, String pseudonym, String keyId, Duration grace) throws IOException {
        return erase(store, pseudonym, keyId, grace, m -> Set.of(pseudonym), null);
    }

    /**
     * Erases the person whose stable pseudonym is {@code pseudonym} under whatever identity scope the dataset
     * records ({@link DatasetScopes}): with the key, the values its rows hold for that person are derived
     * again ({@link ScopedIdentity}): per day from the partition's date, per episode from the episode ids of
     * the partition's episodes files (the key and those ids are the index: no list of a person's files or
     * episodes is kept anywhere a reader could link them). Dead letters name the stable pseudonym (they
     * are never read by training) and go as before.
     */
    public static Result eraseScoped(Store store, String pseudonym, Pseudonymizer key, Duration grace)
            throws IOException {
        ScopedIdentity identity = new ScopedIdentity(DatasetScopes.identity(store), key, null);
        return erase(store, pseudonym, key.keyId(), grace, m -> namesIn(store, m, pseudonym, identity), identity);
    }

    /** What a partition's rows call the person. */
    interface Names {
        Set<String> in(Manifest m) throws IOException;
    }

    private static Set<String> namesIn(Store store, Manifest m, String pseudonym, ScopedIdentity identity)
            throws IOException {
        LocalDate day = LocalDate.parse(m.partition().substring("dt=".length()));
        return switch (identity.scope()) {
            case STABLE -> Set.of(pseudonym);
            case DAY -> Set.of(identity.user(pseudonym, null, day));
            case EPISODE -> {
                Set<String> names = new HashSet<>();
                List<String> keys = new ArrayList<>();
                for (Manifest.FileEntry e : m.files()) {
                    if (e.table().equals(DatasetLayout.EPISODES)) {
                        keys.add(m.partition() + "/" + e.path());
                    }
                }
                // Retired episodes files (a compaction's or a rebuild's sources) may hold episodes no current one does.
                for (Manifest.Retired r : m.retired()) {
                    if (r.path().startsWith(m.partition() + "/" + DatasetLayout.EPISODES + "/") && store.exists(r.path())) {
                        keys.add(r.path());
                    }
                }
                for (String key : keys) {
                    for (GenericRecord r : ShardReader.read(store, key)) {
                        String mine = identity.user(pseudonym, String.valueOf(r.get("episode_id")), day);
                        if (mine.equals(String.valueOf(r.get("user")))) {
                            names.add(mine);
                        }
                    }
                }
                yield names;
            }
        };
    }

    private static Result erase(Store store, String pseudonym, String keyId, Duration grace, Names names,
            ScopedIdentity identity) throws IOException {
        String token = PREFIX + String.format("%08x", ThreadLocalRandom.current().nextInt()) + "-";
        // Recorded before anything changes ("started"), completed at the end: an erasure killed in between
        // is still on record, and its rerun completes the record.
        Instant started = Instant.now();
        String recordKey = RECORDS + "/" + started.toString().replace(":", "") + "-" + UUID.randomUUID() + ".json";
        ErasureRecords.write(store, recordKey, pseudonym, token, started, null);
        Path work = Files.createTempDirectory("episodes-erase");
        try {
            int files = 0;
            long steps = 0;
            long episodes = 0;
            List<String[]> theirDevices = new ArrayList<>(); // (episode id, device value, partition) of their episodes
            for (StoreEntry p : store.list("")) {
                if (!p.directory() || !p.name().startsWith("dt=")) {
                    continue;
                }
                PartitionErasure e = new PartitionErasure(store, p.name(), names, keyId, token, work);
                // The log's grace is for what other writers retired (a compaction's files hold nobody in
                // particular and keep theirs); the files this erasure replaces go by the erasure's own grace.
                PartitionLog log = new PartitionLog(store, p.name(), grace.isZero() ? DatasetLayout.RETIRED_GRACE : grace);
                e.commit(log);
                log.forgetPeople(); // a root from before the people index: no version may list anyone inline
                if (grace.isZero()) {
                    // Also after a rerun: an erasure killed between its commit and this step left them retired.
                    deleteErasedSources(store, log.current());
                }
                theirDevices.addAll(e.devices);
                files += e.filesTouched;
                steps += e.stepsRemoved;
                episodes += e.episodesRemoved;
            }
            Set<String> devices = ErasedDeadLetters.devicesIn(store, theirDevices, identity);
            Result result = new Result(files, steps, episodes, ErasedDeadLetters.remove(store, pseudonym, devices, token, work));
            List<String> unfinished = ErasureRecords.unfinished(store, pseudonym, recordKey);
            if (result.matched() || !unfinished.isEmpty()) {
                ErasureRecords.write(store, recordKey, pseudonym, token, started, result);
                for (String k : unfinished) { // an earlier run of this erasure that died: this rerun finished it
                    ErasureRecords.removeUncommitted(store, k);
                    store.delete(k);
                }
            } else {
                store.delete(recordKey); // matched nothing (a wrong id or key, or already erased): no record
            }
            return result;
        } finally {
            DatasetCommitter.deleteRecursively(work);
        }
    }

    /** How the files an erasure replaces are marked in {@code retired}: they hold the erased person. */
    static final String ERASURE = "erasure";

    /** Deletes the retired files an erasure replaced (an earlier, killed run's too): they hold the person. */
    private static void deleteErasedSources(Store store, PartitionLog.Snapshot snap) throws IOException {
        if (snap.manifest() == null) {
            return;
        }
        for (Manifest.Retired r : snap.manifest().retired()) {
            if (ERASURE.equals(r.by())) {
                PeopleIndex.deleteWith(store, r.path());
            }
        }
        PeopleIndex.removeStale(store, snap.manifest().partition(), snap.manifest());
    }

    /** One file rewritten without the person: its new entry (null when nothing is left) and what it lost. */
    private record Rewritten(String source, Manifest.FileEntry entry, long removed, Map<String, Long> byAction,
            Set<String> episodes) {}

    /** An audit file rewritten without the erased episodes' lines: its new key (null: nothing left). */
    private record AuditRewrite(String key, Map<String, Long> droppedByKind, Set<String> episodesUsed) {}

    /** The erasure of one partition: the change applied to whatever its newest manifest is. */
    private static final class PartitionErasure {
        private final Store store;
        private final String partition;
        private final Names names;
        /** What the current manifest's rows call the person (one value, or one per episode or day). */
        private Set<String> pseudonyms = Set.of();
        private final String keyId;
        private final String token;
        private final Path work;
        /** Rewrites done, by source path: a retry reuses them (the same source gives the same output). */
        private final Map<String, Rewritten> rewritten = new HashMap<>();
        private final Map<String, AuditRewrite> audits = new HashMap<>();
        private boolean legacyAudit;
        /** Files other writers retired (a compaction's, a rebuild's sources) that hold the person. */
        private Set<String> retiredHolding = Set.of();
        /** (episode id, device value, partition) of the person's episodes rows this erasure removed. */
        final List<String[]> devices = new ArrayList<>();
        int filesTouched;
        long stepsRemoved;
        long episodesRemoved;

        PartitionErasure(Store store, String partition, Names names, String keyId, String token, Path work) {
            this.store = store;
            this.partition = partition;
            this.names = names;
            this.keyId = keyId;
            this.token = token;
            this.work = work;
        }

        void commit(PartitionLog log) throws IOException {
            Set<String> used = new HashSet<>();
            Set<String> usedAudit = new HashSet<>();
            PartitionLog.Outcome out = log.commit(cur -> apply(cur, used, usedAudit), ERASURE, () -> retiredHolding);
            // Outputs of attempts whose sources vanished meanwhile were never committed: they are ours to remove.
            for (Rewritten r : rewritten.values()) {
                // (Nothing removed: the entry is the source itself, read for want of an index, never a copy.)
                if (r.entry() != null && r.removed() > 0 && !(out.committed() && used.contains(r.source()))) {
                    store.delete(partition + "/" + r.entry().path());
                }
            }
            for (Map.Entry<String, AuditRewrite> a : audits.entrySet()) {
                if (a.getValue().key() != null && !(out.committed() && usedAudit.contains(a.getKey()))) {
                    store.delete(a.getValue().key());
                }
            }
            if (!out.committed()) {
                return;
            }
            // Older manifest versions list the person's pseudonym among each file's people: none may outlive
            // the erasure (their names stay taken, their content goes).
            log.forgetHistory(out.snapshot().version());
            if (legacyAudit) {
                // A manifest from before the protocol named no audit files, so none was retired: the replaced
                // ones are removed here (the new manifest names their rewritten copies).
                for (String a : usedAudit) {
                    store.delete(a);
                }
            }
            filesTouched += retiredHolding.size();
            for (String source : used) {
                Rewritten r = rewritten.get(source);
                filesTouched++;
                if (source.startsWith(DatasetLayout.STEPS + "/")) {
                    stepsRemoved += r.removed();
                } else if (source.startsWith(DatasetLayout.EPISODES + "/")) {
                    episodesRemoved += r.removed();
                }
            }
        }

        private Optional<Manifest> apply(PartitionLog.Snapshot cur, Set<String> used, Set<String> usedAudit)
                throws IOException {
            used.clear();
            usedAudit.clear();
            Manifest m = cur.manifest();
            if (m == null || (keyId != null && m.pseudonymKeyId() != null && !keyId.equals(m.pseudonymKeyId()))) {
                return Optional.empty(); // never committed, or built with another key: this pseudonym cannot be there
            }
            pseudonyms = names.in(m);
            List<Manifest.FileEntry> listing = new ArrayList<>();
            for (Manifest.FileEntry e : m.files()) {
                Optional<List<String>> people = PeopleIndex.users(store, partition, e);
                if (people.isEmpty() || people.get().stream().anyMatch(pseudonyms::contains)) {
                    listing.add(e); // no index (lost): its rows tell
                }
            }
            if (listing.isEmpty()) {
                // Still re-mark what others retired that holds the person, so it goes by this erasure's grace.
                retiredHolding = retiredHolding(m, Set.of());
                return retiredHolding.isEmpty() ? Optional.empty() : Optional.of(m);
            }
            // Steps files first: the episodes rows of a rewritten steps file must name its new name, and
            // frames rows (no user column) go by the person's episode ids, found in the steps rows.
            Map<String, String> renamed = new HashMap<>();
            Set<String> erasedEpisodes = new HashSet<>();
            Map<String, Long> byAction = new TreeMap<>(m.stepsByAction());
            List<Manifest.FileEntry> ordered = new ArrayList<>(listing);
            ordered.sort((a, b) -> Boolean.compare(!a.table().equals(DatasetLayout.STEPS),
                    !b.table().equals(DatasetLayout.STEPS)));
            for (Manifest.FileEntry e : ordered) {
                Rewritten r = rewritten.get(e.path());
                if (r != null && r.removed() > 0 && r.entry() != null
                        && !store.exists(partition + "/" + r.entry().path())) {
                    r = null; // removed meanwhile (a rerun of this erasure cleaning up after a dead one): again
                }
                if (r == null) {
                    r = rewrite(e, renamed, erasedEpisodes);
                    rewritten.put(e.path(), r);
                }
                if (r.removed() == 0) {
                    continue; // listed for want of an index, and none of its rows is theirs
                }
                used.add(e.path());
                erasedEpisodes.addAll(r.episodes());
                if (r.entry() != null && e.table().equals(DatasetLayout.STEPS)) {
                    renamed.put(e.path(), r.entry().path());
                }
                r.byAction().forEach((k, v) -> byAction.merge(k, -v, Long::sum));
            }
            List<Manifest.FileEntry> entries = new ArrayList<>();
            for (Manifest.FileEntry e : m.files()) {
                if (!used.contains(e.path())) {
                    entries.add(e);
                } else if (rewritten.get(e.path()).entry() != null) {
                    entries.add(rewritten.get(e.path()).entry());
                }
            }
            Map<String, Long> byKind = new TreeMap<>(m.redactionsByKind());
            List<String> audit = new ArrayList<>();
            for (String a : auditFiles(m)) {
                AuditRewrite ar = audits.get(a);
                if (ar == null || !ar.episodesUsed().equals(erasedEpisodes)) {
                    if (ar != null && ar.key() != null) {
                        store.delete(ar.key()); // rewritten for fewer episodes by an earlier attempt
                    }
                    ar = rewriteAudit(a, erasedEpisodes);
                    audits.put(a, ar);
                }
                if (ar.droppedByKind().isEmpty()) {
                    audit.add(a);
                    continue;
                }
                usedAudit.add(a);
                ar.droppedByKind().forEach((k, v) -> byKind.merge(k, -v, Long::sum));
                if (ar.key() != null) {
                    audit.add(ar.key());
                }
            }
            retiredHolding = retiredHolding(m, erasedEpisodes);
            if (used.isEmpty() && retiredHolding.isEmpty()) {
                return Optional.empty();
            }
            List<String> episodesKeys = entries.stream().filter(x -> x.table().equals(DatasetLayout.EPISODES))
                    .map(x -> partition + "/" + x.path()).toList();
            return Optional.of(Manifest.of(partition, m.runId(), m.input(), m.pseudonymKeyId(), entries, byAction,
                    byKind, m.stats() == null ? null : PartitionStats.of(store, episodesKeys), m.scope(), audit));
        }

        /** The manifest's audit files; a manifest from before the protocol names none: its folder's, then. */
        private List<String> auditFiles(Manifest m) throws IOException {
            legacyAudit = m.audit().isEmpty();
            if (!legacyAudit) {
                return m.audit();
            }
            String dir = DatasetLayout.AUDIT + "/" + partition;
            return store.list(dir).stream().filter(e -> !e.directory() && e.name().endsWith(".jsonl")
                    && !e.name().startsWith(".")).map(e -> dir + "/" + e.name()).toList();
        }

        private Rewritten rewrite(Manifest.FileEntry e, Map<String, String> renamed, Set<String> erasedEpisodes)
                throws IOException {
            String key = partition + "/" + e.path();
            List<GenericRecord> kept = new ArrayList<>();
            Set<String> episodes = new HashSet<>();
            Map<String, Long> byAction = new TreeMap<>();
            long removed = 0;
            for (GenericRecord r : ShardReader.read(store, key)) {
                Object user = r.getSchema().getField("user") == null ? null : r.get("user");
                String episode = r.getSchema().getField("episode_id") == null ? null : String.valueOf(r.get("episode_id"));
                boolean theirs = user != null ? pseudonyms.contains(String.valueOf(user))
                        : episode != null && erasedEpisodes.contains(episode);
                if (theirs) {
                    removed++;
                    if (e.table().equals(DatasetLayout.EPISODES) && r.getSchema().getField("device") != null) {
                        devices.add(new String[] {episode, String.valueOf(r.get("device")), partition});
                    }
                    if (episode != null) {
                        episodes.add(episode);
                    }
                    if (e.table().equals(DatasetLayout.STEPS)) {
                        byAction.merge(String.valueOf(r.get("action")), 1L, Long::sum);
                    }
                } else {
                    if (e.table().equals(DatasetLayout.EPISODES) && r.getSchema().getField("file") != null) {
                        String to = renamed.get(String.valueOf(r.get("file")));
                        if (to != null) {
                            r.put("file", new Utf8(to));
                        }
                    }
                    kept.add(r);
                }
            }
            if (removed == 0) {
                return new Rewritten(e.path(), e, 0, byAction, episodes);
            }
            if (kept.isEmpty()) {
                return new Rewritten(e.path(), null, removed, byAction, episodes);
            }
            String path = renamedPath(e.path());
            Path local = work.resolve(UUID.randomUUID() + ".parquet");
            ParquetOutput out = new ParquetOutput(local);
            Map<String, Long> failed = Map.of();
            if (e.table().equals(DatasetLayout.STEPS)) {
                // The failed frames of the others' episodes go with their steps; the person's go with them.
                Map<String, Map<String, Long>> others = FrameFailures.without(
                        FrameFailures.read(ShardReader.in(store, key)), episodes);
                FrameFailures.record(out, others);
                failed = FrameFailures.total(others);
            }
            try (ParquetWriter<GenericRecord> w = ParquetFiles.open(out, kept.get(0).getSchema(),
                    ParquetFiles.ROW_GROUP_BYTES)) {
                for (GenericRecord r : kept) {
                    w.write(r);
                }
            }
            long size = Files.size(local);
            String sha = DatasetCommitter.sha256(local);
            store.upload(local, partition + "/" + path);
            Files.delete(local);
            // Steps and frames files count the distinct episodes of their rows; an episodes file its rows.
            long episodeCount = e.table().equals(DatasetLayout.EPISODES) ? kept.size()
                    : kept.stream().map(r -> String.valueOf(r.get("episode_id"))).distinct().count();
            List<String> users = PeopleIndex.users(store, partition, e)
                    .map(u -> u.stream().filter(x -> !pseudonyms.contains(x)).toList())
                    .orElseGet(() -> usersOf(kept)); // null (unknown) for frames without an index: read again next time
            return new Rewritten(e.path(), new Manifest.FileEntry(path, e.table(), size, kept.size(), episodeCount,
                    sha, users, failed), removed, byAction, episodes);
        }

        /** The people values of rows with a {@code user} column; null for frames rows (they have none). */
        private static List<String> usersOf(List<GenericRecord> rows) {
            if (rows.get(0).getSchema().getField("user") == null) {
                return null;
            }
            return rows.stream().map(r -> String.valueOf(r.get("user"))).distinct().sorted().toList();
        }

        /**
         * The files other writers retired (a compaction's or a rebuild's sources) that still hold the person:
         * data files by their index or (none) their rows, a {@code user} among the person's values; frames
         * files without an index and audit files by the person's episode ids ({@code theirs}: those of the
         * current files, and those found in the retired data files holding them).
         */
        private Set<String> retiredHolding(Manifest m, Set<String> theirs) throws IOException {
            Set<String> out = new HashSet<>();
            Set<String> theirEpisodes = new HashSet<>(theirs);
            List<String> byEpisode = new ArrayList<>();
            String auditDir = DatasetLayout.AUDIT + "/" + partition + "/";
            for (Manifest.Retired r : m.retired()) {
                if (ERASURE.equals(r.by()) || !store.exists(r.path())) {
                    continue;
                }
                if (r.path().startsWith(auditDir)) {
                    byEpisode.add(r.path());
                    continue;
                }
                if (!r.path().startsWith(partition + "/") || !r.path().endsWith(".parquet")) {
                    continue;
                }
                boolean frames = r.path().startsWith(partition + "/" + DatasetLayout.FRAMES + "/");
                Optional<List<String>> people = PeopleIndex.users(store, r.path());
                if (people.isPresent() && people.get().stream().noneMatch(pseudonyms::contains)) {
                    continue;
                }
                if (frames) {
                    if (people.isPresent()) {
                        out.add(r.path());
                    } else {
                        byEpisode.add(r.path());
                    }
                    continue;
                }
                for (GenericRecord row : ShardReader.read(store, r.path())) {
                    if (pseudonyms.contains(String.valueOf(row.get("user")))) {
                        out.add(r.path());
                        theirEpisodes.add(String.valueOf(row.get("episode_id")));
                    }
                }
            }
            for (String path : byEpisode) {
                if (path.startsWith(auditDir) ? auditNames(path, theirEpisodes) : framesOf(path, theirEpisodes)) {
                    out.add(path);
                }
            }
            return out;
        }

        private boolean framesOf(String path, Set<String> episodes) throws IOException {
            for (GenericRecord row : ShardReader.read(store, path)) {
                if (episodes.contains(String.valueOf(row.get("episode_id")))) {
                    return true;
                }
            }
            return false;
        }

        private boolean auditNames(String path, Set<String> episodes) throws IOException {
            Optional<byte[]> bytes = store.read(path);
            if (bytes.isEmpty() || episodes.isEmpty()) {
                return false;
            }
            for (String line : new String(bytes.get(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && episodes.contains(Json.MAPPER.readTree(line).path("episode_id").asText())) {
                    return true;
                }
            }
            return false;
        }

        /** {@code steps/part-r-0.parquet} becomes {@code steps/erased-<8 hex>-part-r-0.parquet} (an earlier erasure's prefix dropped). */
        private String renamedPath(String path) {
            int slash = path.lastIndexOf('/');
            return path.substring(0, slash + 1) + token + baseName(path.substring(slash + 1));
        }

        private AuditRewrite rewriteAudit(String key, Set<String> episodes) throws IOException {
            Map<String, Long> dropped = new TreeMap<>();
            StringBuilder kept = new StringBuilder();
            Optional<byte[]> bytes = store.read(key);
            if (bytes.isEmpty()) {
                return new AuditRewrite(null, Map.of(), Set.copyOf(episodes));
            }
            for (String line : new String(bytes.get(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.MAPPER.readTree(line);
                if (episodes.contains(n.get("episode_id").asText())) {
                    dropped.merge(n.get("kind").asText(), 1L, Long::sum);
                } else {
                    kept.append(line).append('\n');
                }
            }
            if (dropped.isEmpty() || kept.isEmpty()) {
                return new AuditRewrite(null, dropped, Set.copyOf(episodes));
            }
            int slash = key.lastIndexOf('/');
            String name = key.substring(slash + 1);
            String base = name.startsWith("redactions-") ? name.substring("redactions-".length()) : name;
            String to = key.substring(0, slash + 1) + "redactions-" + token + baseName(base);
            try (OutputStream out = store.create(to)) {
                out.write(kept.toString().getBytes(StandardCharsets.UTF_8));
            }
            return new AuditRewrite(to, dropped, Set.copyOf(episodes));
        }
    }

    /** A file name without the prefix an earlier erasure gave it. */
    static String baseName(String name) {
        if (name.startsWith(PREFIX) && name.length() > PREFIX.length() + 9 && name.charAt(PREFIX.length() + 8) == '-') {
            return name.substring(PREFIX.length() + 9);
        }
        return name;
    }

    /**
     * Streaming shards staged in a partition and not yet committed (no manifest names or retired them):
     * a checkpoint completing, or a stopped job whose restore will commit them. An erasure cannot change
     * them (their committable names them); they may hold the person, so the erasure is run again once
     * the streaming job has completed its next checkpoint (docs/cli.md, erase).
     */
    public static int pendingShards(Store store) throws IOException {
        int n = 0;
        for (StoreEntry p : store.list("")) {
            if (!p.directory() || !p.name().startsWith("dt=")) {
                continue;
            }
            Manifest m = new PartitionLog(store, p.name(), DatasetLayout.RETIRED_GRACE).current().manifest();
            Set<String> known = new HashSet<>();
            if (m != null) {
                m.files().forEach(f -> known.add(p.name() + "/" + f.path()));
                m.retired().forEach(r -> known.add(r.path()));
            }
            for (StoreEntry f : store.list(p.name() + "/" + DatasetLayout.STEPS)) {
                String key = p.name() + "/" + DatasetLayout.STEPS + "/" + f.name();
                if (!f.directory() && f.name().startsWith("part-s") && f.name().endsWith(".parquet")
                        && !known.contains(key)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Every erasure record: the old appended file's lines, then one per file of {@link #OLD_RECORDS}, then {@link #RECORDS}. */
    public static List<JsonNode> records(Store store) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        Optional<byte[]> old = store.read(DatasetLayout.AUDIT + "/erasures.jsonl");
        if (old.isPresent()) {
            for (String line : new String(old.get(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(Json.MAPPER.readTree(line));
                }
            }
        }
        for (String folder : List.of(OLD_RECORDS, RECORDS)) {
            Map<String, JsonNode> files = new LinkedHashMap<>();
            for (StoreEntry e : store.list(folder)) {
                if (!e.directory() && e.name().endsWith(".json") && !e.name().startsWith(".")) {
                    files.put(e.name(), Json.MAPPER.readTree(store.read(folder + "/" + e.name()).orElseThrow()));
                }
            }
            out.addAll(files.values());
        }
        return out;
    }
}
