package dev.episodes.writing;

import dev.episodes.storage.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;

/**
 * A bounded rebuild of one partition as a commit ({@link PartitionLog.Change}). <b>A rebuild replaces what
 * the day held when the rebuild started; what was committed after that is kept, minus episodes the
 * rebuild rebuilt.</b> Applied to the current version: the files of {@code base} (the snapshot read when
 * the build started, before it read input) are replaced by the rebuild's files; files committed since
 * (late episodes of the streaming job, a compaction of them) are kept; a kept file that holds an episode
 * the rebuild also built is rewritten without it under a new name (the episode appears once: the
 * rebuild's copy). Re-applied on a lost race: what it reads and rewrites is cached by file name (files
 * are immutable), so a retry redoes no work it already did.
 */
public final class Rebuild implements PartitionLog.Change, AutoCloseable {
    private final Store store;
    private final String partition;
    private final Set<String> baseFiles;
    private final Set<String> baseAudit;
    private final List<StagedShard> built;
    private final String runId;
    private final Map<String, Object> input;
    private final String keyId;
    private final Map<String, Object> scope;
    private final Path temp;
    private final Map<String, Contents> contents = new HashMap<>();
    private final Map<String, Rewritten> rewrites = new HashMap<>();
    private final List<Rewritten> allRewrites = new ArrayList<>();
    private final Map<String, Path> downloads = new HashMap<>();
    private Set<String> builtIds;

    public Rebuild(Store store, String partition, RebuildBase base, List<StagedShard> built, String runId,
            Map<String, Object> input, String keyId, Map<String, Object> scope) throws IOException {
        this.store = store;
        this.partition = partition;
        this.baseFiles = new HashSet<>(base.files(partition).keySet());
        this.baseAudit = base.audit(partition);
        this.built = List.copyOf(built);
        this.runId = runId;
        this.input = input;
        this.keyId = keyId;
        this.scope = scope;
        this.temp = Files.createTempDirectory("episodes-rebuild-");
    }

    /** What a kept shard holds: its episode ids and its counts. */
    private record Contents(Set<String> episodeIds, Map<String, Long> byAction, Map<String, Long> byKind) {}

    /** A kept shard rewritten without some episodes: its new shard (null when nothing was left). */
    private record Rewritten(Set<String> dropped, StagedShard shard, Contents contents) {}

    @Override
    public Optional<Manifest> apply(PartitionLog.Snapshot current) throws IOException {
        List<Manifest.FileEntry> files = new ArrayList<>();
        List<String> audit = new ArrayList<>();
        Map<String, Long> byAction = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, List<Manifest.FileEntry>> kept = new LinkedHashMap<>();
        Set<String> rewrittenAudit = new HashSet<>();
        if (current.manifest() != null) {
            for (Manifest.FileEntry e : current.manifest().files()) {
                if (!baseFiles.contains(e.path())) {
                    kept.computeIfAbsent(ShardFiles.nameOf(e.path()), n -> new ArrayList<>()).add(e);
                }
            }
        }
        for (Map.Entry<String, List<Manifest.FileEntry>> k : kept.entrySet()) {
            String name = k.getKey();
            Contents c = contents(name);
            Set<String> overlap = new TreeSet<>(c.episodeIds());
            overlap.retainAll(builtIds());
            if (overlap.isEmpty()) {
                files.addAll(k.getValue());
                add(byAction, c.byAction());
                add(byKind, c.byKind());
                continue;
            }
            Rewritten r = rewrite(name, k.getValue(), overlap, current.manifest().audit());
            rewrittenAudit.add(ShardFiles.auditKey(partition, name));
            if (r.shard() != null) {
                files.addAll(r.shard().files());
                if (r.shard().audit() != null) {
                    audit.add(r.shard().audit());
                }
                add(byAction, r.contents().byAction());
                add(byKind, r.contents().byKind());
            }
        }
        if (current.manifest() != null) {
            for (String a : current.manifest().audit()) {
                if (!baseAudit.contains(a) && !rewrittenAudit.contains(a)) {
                    audit.add(a);
                }
            }
        }
        for (StagedShard s : built) {
            files.addAll(s.files());
            if (s.audit() != null) {
                audit.add(s.audit());
            }
            add(byAction, s.stepsByAction());
            add(byKind, s.redactionsByKind());
        }
        List<Path> episodes = new ArrayList<>();
        for (Manifest.FileEntry f : files) {
            if (f.table().equals(DatasetLayout.EPISODES)) {
                episodes.add(local(f.path()));
            }
        }
        return Optional.of(Manifest.of(partition, runId, input, keyId, files, byAction, byKind,
                PartitionStats.of(episodes), scope, audit.stream().distinct().toList()));
    }

    /** Keys this rebuild wrote (rewritten kept shards) that {@code published} does not name: to delete. */
    public List<String> unused(Manifest published) {
        Set<String> named = new HashSet<>();
        published.files().forEach(f -> named.add(partition + "/" + f.path()));
        named.addAll(published.audit());
        List<String> out = new ArrayList<>();
        for (Rewritten r : allRewrites) {
            if (r.shard() != null) {
                r.shard().keys().stream().filter(k -> !named.contains(k)).forEach(out::add);
            }
        }
        return out;
    }

    private static void add(Map<String, Long> into, Map<String, Long> counts) {
        counts.forEach((k, v) -> into.merge(k, v, Long::sum));
    }

    private Set<String> builtIds() throws IOException {
        if (builtIds == null) {
            Set<String> ids = new HashSet<>();
            for (StagedShard s : built) {
                for (Manifest.FileEntry f : s.files()) {
                    if (f.table().equals(DatasetLayout.EPISODES)) {
                        ShardReader.scan(local(f.path()), r -> ids.add(String.valueOf(r.get("episode_id"))));
                    }
                }
            }
            builtIds = ids;
        }
        return builtIds;
    }

    private Path local(String path) throws IOException {
        Path p = downloads.get(path);
        if (p == null) {
            p = ShardFiles.download(store, partition + "/" + path, temp.resolve(String.valueOf(downloads.size()))
                    .resolve(path));
            downloads.put(path, p);
        }
        return p;
    }

    private Contents contents(String name) throws IOException {
        Contents c = contents.get(name);
        if (c == null) {
            Contents steps = count(ShardReader.read(local(DatasetLayout.STEPS + "/" + name)));
            // The steps' redactions column names each kind once per step; the audit file has one line
            // per redaction, which is what the manifest counts.
            String audit = ShardFiles.auditKey(partition, name);
            c = new Contents(steps.episodeIds(), steps.byAction(), kinds(store.read(audit).orElse(new byte[0]), Set.of()));
            contents.put(name, c);
        }
        return c;
    }

    private static Contents count(List<GenericRecord> steps) {
        Set<String> ids = new TreeSet<>();
        Map<String, Long> byAction = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        for (GenericRecord r : steps) {
            ids.add(String.valueOf(r.get("episode_id")));
            byAction.merge(String.valueOf(r.get("action")), 1L, Long::sum);
            Object red = r.get("redactions");
            if (red instanceof List<?> kinds) {
                kinds.forEach(k -> byKind.merge(String.valueOf(k), 1L, Long::sum));
            }
        }
        return new Contents(ids, byAction, byKind);
    }

    /** Redactions by kind in an audit file's lines (one per redaction), those of {@code drop}ped episodes aside. */
    private static Map<String, Long> kinds(byte[] auditLines, Set<String> drop) throws IOException {
        Map<String, Long> byKind = new TreeMap<>();
        for (String line : new String(auditLines, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            var n = Json.MAPPER.readTree(line);
            if (!drop.contains(n.path("episode_id").asText())) {
                byKind.merge(n.path("kind").asText(), 1L, Long::sum);
            }
        }
        return byKind;
    }

    /**
     * The kept shard {@code name} (its entries {@code entries}) without the episodes {@code drop}, uploaded
     * under a new unique name: steps, episodes and frames rows of the dropped episodes all go.
     */
    private Rewritten rewrite(String name, List<Manifest.FileEntry> entries, Set<String> drop,
            List<String> currentAudit) throws IOException {
        Rewritten done = rewrites.get(name);
        if (done != null && done.dropped().equals(drop)) {
            return done;
        }
        String newName = ShardFiles.suffixed(name);
        Path dir = temp.resolve("rewrite-" + rewrites.size());
        List<GenericRecord> steps = new ArrayList<>();
        for (GenericRecord r : ShardReader.read(local(DatasetLayout.STEPS + "/" + name))) {
            if (!drop.contains(String.valueOf(r.get("episode_id")))) {
                steps.add(r);
            }
        }
        Rewritten out;
        if (steps.isEmpty()) {
            out = new Rewritten(drop, null, null);
        } else {
            List<GenericRecord> episodes = new ArrayList<>();
            TreeSet<String> users = new TreeSet<>();
            for (GenericRecord r : ShardReader.read(local(DatasetLayout.EPISODES + "/" + name))) {
                if (!drop.contains(String.valueOf(r.get("episode_id")))) {
                    r.put("file", DatasetLayout.STEPS + "/" + newName);
                    episodes.add(r);
                    users.add(String.valueOf(r.get("user")));
                }
            }
            Path localSteps = dir.resolve(DatasetLayout.STEPS).resolve(newName);
            Path localEpisodes = dir.resolve(DatasetLayout.EPISODES).resolve(newName);
            Map<String, Map<String, Long>> failed = FrameFailures.without(FrameFailures.read(
                    new org.apache.parquet.io.LocalInputFile(local(DatasetLayout.STEPS + "/" + name))), drop);
            ShardFiles.write(localSteps, steps, failed);
            ShardFiles.write(localEpisodes, episodes);
            List<GenericRecord> frames = new ArrayList<>();
            TreeSet<String> framesUsers = new TreeSet<>();
            Set<String> framesEpisodes = new HashSet<>();
            if (entries.stream().anyMatch(f -> f.table().equals(DatasetLayout.FRAMES))) {
                Map<String, String> userOf = new HashMap<>();
                episodes.forEach(r -> userOf.put(String.valueOf(r.get("episode_id")), String.valueOf(r.get("user"))));
                for (GenericRecord r : ShardReader.read(local(DatasetLayout.FRAMES + "/" + name))) {
                    String id = String.valueOf(r.get("episode_id"));
                    if (!drop.contains(id)) {
                        frames.add(r);
                        framesEpisodes.add(id);
                        if (userOf.containsKey(id)) {
                            framesUsers.add(userOf.get(id));
                        }
                    }
                }
            }
            Path localFrames = dir.resolve(DatasetLayout.FRAMES).resolve(newName);
            if (!frames.isEmpty()) {
                ShardFiles.write(localFrames, frames);
            }
            String oldAudit = ShardFiles.auditKey(partition, name);
            Contents stepCounts = count(steps);
            Contents c = new Contents(stepCounts.episodeIds(), stepCounts.byAction(),
                    currentAudit.contains(oldAudit) ? kinds(store.read(oldAudit).orElse(new byte[0]), drop) : Map.of());
            String auditKey = null;
            if (currentAudit.contains(oldAudit)) {
                StringBuilder lines = new StringBuilder();
                for (String line : new String(store.read(oldAudit).orElse(new byte[0]), StandardCharsets.UTF_8)
                        .split("\n")) {
                    if (!line.isBlank() && !drop.contains(Json.MAPPER.readTree(line).path("episode_id").asText())) {
                        lines.append(line).append('\n');
                    }
                }
                if (lines.length() > 0) {
                    auditKey = ShardFiles.auditKey(partition, newName);
                    try (var o = store.create(auditKey)) {
                        o.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            List<String> userList = List.copyOf(users);
            List<Manifest.FileEntry> files = new ArrayList<>(List.of(
                    new Manifest.FileEntry(DatasetLayout.STEPS + "/" + newName, DatasetLayout.STEPS,
                            Files.size(localSteps), steps.size(), episodes.size(),
                            DatasetCommitter.sha256(localSteps), userList, FrameFailures.total(failed)),
                    new Manifest.FileEntry(DatasetLayout.EPISODES + "/" + newName, DatasetLayout.EPISODES,
                            Files.size(localEpisodes), episodes.size(), episodes.size(),
                            DatasetCommitter.sha256(localEpisodes), userList)));
            Map<String, Path> locals = new LinkedHashMap<>(Map.of(files.get(0).path(), localSteps,
                    files.get(1).path(), localEpisodes));
            if (!frames.isEmpty()) {
                files.add(new Manifest.FileEntry(DatasetLayout.FRAMES + "/" + newName, DatasetLayout.FRAMES,
                        Files.size(localFrames), frames.size(), framesEpisodes.size(),
                        DatasetCommitter.sha256(localFrames), List.copyOf(framesUsers)));
                locals.put(files.get(2).path(), localFrames);
            }
            StagedShard shard = new StagedShard(partition, files, auditKey, c.byAction(), c.byKind());
            for (Map.Entry<String, Path> l : locals.entrySet()) {
                store.upload(l.getValue(), partition + "/" + l.getKey());
                downloads.put(l.getKey(), l.getValue());
            }
            out = new Rewritten(drop, shard, c);
        }
        rewrites.put(name, out);
        allRewrites.add(out);
        return out;
    }

    @Override
    public void close() throws IOException {
        DatasetCommitter.deleteRecursively(temp);
    }
}
