package dev.episodes.writing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.storage.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Compaction of one partition through the commit protocol (the Compact change): the small shards a
 * streaming job commits (steps files below half the target size, with their episodes files and frames
 * files, if any, also below half) are merged into shards of about the target size (steps file or frames
 * file, whichever fills first), rows sorted by (episode_id, step_index), episodes whole with their frames
 * in the shard of the same name and their failed-frame counts in its steps file's footer, row groups
 * within the limit, each with its audit file. The commit names the merged shards instead of the
 * sources; it is aborted (nothing committed, the merged files removed) when a source is no longer in the
 * current manifest (an erasure or a rebuild replaced it meanwhile), and compaction then starts again from
 * the newer manifest. Files committed meanwhile by others are kept as they are. Counts do not change: the
 * rows are the same.
 *
 * <p>Sources are merged batch by batch (about a target's worth of input each), each batch a k-way merge
 * of its already sorted files, so memory holds a row group of each source, not the partition.
 */
public final class Compaction {
    private static final int ATTEMPTS = 3;
    private static final String PREFIX = "compacted-";

    /** Target size of a merged steps file on disk, row group limit (uncompressed), retired-file grace. */
    public record Settings(long targetFileBytes, long rowGroupBytes, Duration grace) {
        public static Settings of(dev.episodes.config.OutputLayout layout, Duration grace) {
            return new Settings(layout.targetFileBytes(), layout.rowGroupBytes(), grace);
        }
    }

    /** What a compaction of a partition did: data files before and after, sources merged, shards written. */
    public record Result(String partition, int filesBefore, int filesAfter, int sourcesMerged, int shardsWritten,
            boolean committed) {}

    private Compaction() {}

    /** Compacts each partition ({@code dt=D}) in turn. */
    public static List<Result> compact(Store store, List<String> partitions, Settings settings) throws IOException {
        List<Result> out = new ArrayList<>();
        for (String p : partitions) {
            out.add(compact(store, p, settings));
        }
        return out;
    }

    public static Result compact(Store store, String partition, Settings settings) throws IOException {
        return compact(store, partition, settings, name -> true);
    }

    /**
     * Compacts the small files of a partition whose names {@code eligible} accepts (the nightly build
     * leaves its own shards alone: merging them would make every rebuild of the same input new files).
     */
    public static Result compact(Store store, String partition, Settings settings,
            java.util.function.Predicate<String> eligible) throws IOException {
        PartitionLog log = new PartitionLog(store, partition, settings.grace());
        int before = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            PartitionLog.Snapshot snap = log.current();
            if (snap.manifest() == null) {
                return new Result(partition, 0, 0, 0, 0, false);
            }
            before = snap.manifest().files().size();
            List<Source> sources = sources(snap.manifest(), settings).stream()
                    .filter(src -> eligible.test(name(src.steps().path()))).toList();
            if (sources.size() < 2) {
                return new Result(partition, before, before, 0, 0, false);
            }
            Path work = Files.createTempDirectory("episodes-compact");
            List<Merged> merged = new ArrayList<>();
            boolean committed = false;
            try {
                String token = PREFIX + String.format("%08x", ThreadLocalRandom.current().nextInt()) + "-";
                int n = 0;
                for (List<Source> batch : batches(sources, settings.targetFileBytes())) {
                    n = merge(store, partition, batch, snap.manifest(), settings, token, n, work, merged);
                }
                Set<String> sourcePaths = new HashSet<>();
                Set<String> sourceAudit = new HashSet<>();
                for (Source s : sources) {
                    sourcePaths.add(s.steps().path());
                    sourcePaths.add(s.episodes().path());
                    if (s.frames() != null) {
                        sourcePaths.add(s.frames().path());
                    }
                    sourceAudit.addAll(s.audit());
                }
                PartitionLog.Outcome outcome = log.commit(cur -> {
                    if (cur.manifest() == null || !cur.files().containsAll(sourcePaths)) {
                        return Optional.empty(); // a source was replaced meanwhile: abort
                    }
                    Manifest m = cur.manifest();
                    List<Manifest.FileEntry> files = new ArrayList<>();
                    m.files().stream().filter(f -> !sourcePaths.contains(f.path())).forEach(files::add);
                    List<String> audit = new ArrayList<>();
                    m.audit().stream().filter(a -> !sourceAudit.contains(a)).forEach(audit::add);
                    for (Merged x : merged) {
                        files.add(x.steps());
                        files.add(x.episodes());
                        if (x.frames() != null) {
                            files.add(x.frames());
                        }
                        if (x.audit() != null) {
                            audit.add(x.audit());
                        }
                    }
                    return Optional.of(Manifest.of(partition, m.runId(), m.input(), m.pseudonymKeyId(), files,
                            m.stepsByAction(), m.redactionsByKind(), m.stats(), m.scope(), audit));
                });
                committed = outcome.committed();
                if (committed) {
                    return new Result(partition, before, outcome.snapshot().manifest().files().size(),
                            sources.size(), merged.size(), true);
                }
            } finally {
                if (!committed) {
                    for (Merged x : merged) {
                        store.delete(partition + "/" + x.steps().path());
                        store.delete(partition + "/" + x.episodes().path());
                        if (x.frames() != null) {
                            store.delete(partition + "/" + x.frames().path());
                        }
                        if (x.audit() != null) {
                            store.delete(x.audit());
                        }
                    }
                }
                DatasetCommitter.deleteRecursively(work);
            }
        }
        return new Result(partition, before, before, 0, 0, false);
    }

    /** A small shard: its steps, episodes and frames (null: none) entries and the audit files that belong to it. */
    private record Source(Manifest.FileEntry steps, Manifest.FileEntry episodes, Manifest.FileEntry frames,
            List<String> audit) {
        long framesBytes() {
            return frames == null ? 0 : frames.sizeBytes();
        }
    }

    /** A merged shard as committed (frames null when its episodes have none). */
    private record Merged(Manifest.FileEntry steps, Manifest.FileEntry episodes, Manifest.FileEntry frames,
            String audit) {}

    /**
     * Shards whose steps file is below half the target and whose episodes file has the same name (the
     * pair a shard writer makes), with the frames file of that name if there is one, also below half the
     * target; unpaired files are left as they are.
     */
    static List<Source> sources(Manifest m, Settings settings) {
        Map<String, Manifest.FileEntry> episodes = new LinkedHashMap<>();
        Map<String, Manifest.FileEntry> frames = new LinkedHashMap<>();
        for (Manifest.FileEntry f : m.files()) {
            if (f.table().equals(DatasetLayout.EPISODES)) {
                episodes.put(name(f.path()), f);
            } else if (f.table().equals(DatasetLayout.FRAMES)) {
                frames.put(name(f.path()), f);
            }
        }
        List<Source> out = new ArrayList<>();
        for (Manifest.FileEntry f : m.files()) {
            if (!f.table().equals(DatasetLayout.STEPS) || f.sizeBytes() >= settings.targetFileBytes() / 2) {
                continue;
            }
            Manifest.FileEntry e = episodes.get(name(f.path()));
            Manifest.FileEntry fr = frames.get(name(f.path()));
            if (e == null || (fr != null && fr.sizeBytes() >= settings.targetFileBytes() / 2)) {
                continue; // unpaired, or full of frames already
            }
            String auditName = "redactions-" + name(f.path()).replace(".parquet", ".jsonl");
            List<String> audit = m.audit().stream().filter(a -> a.endsWith("/" + auditName)).toList();
            out.add(new Source(f, e, fr, audit));
        }
        return out;
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Sources in groups of about a target's worth of input (each merged into about one file). */
    private static List<List<Source>> batches(List<Source> sources, long target) {
        List<List<Source>> out = new ArrayList<>();
        List<Source> cur = new ArrayList<>();
        long bytes = 0;
        long frameBytes = 0;
        for (Source s : sources) {
            if (!cur.isEmpty() && (bytes + s.steps().sizeBytes() > target || frameBytes + s.framesBytes() > target)) {
                out.add(cur);
                cur = new ArrayList<>();
                bytes = 0;
                frameBytes = 0;
            }
            cur.add(s);
            bytes += s.steps().sizeBytes();
            frameBytes += s.framesBytes();
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    /** A source file being read in order: its next row. */
    private static final class Cursor implements AutoCloseable {
        final ParquetReader<GenericRecord> reader;
        final int order;
        GenericRecord row;

        Cursor(ParquetReader<GenericRecord> reader, int order) throws IOException {
            this.reader = reader;
            this.order = order;
            this.row = reader.read();
        }

        void advance() throws IOException {
            row = reader.read();
        }

        String episode() {
            return row.get("episode_id").toString();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private static final Comparator<Cursor> BY_EPISODE = Comparator.comparing(Cursor::episode)
            .thenComparingInt(c -> c.order);

    /** Merges one batch into shards named {@code <token><n>.parquet}; returns the next n. */
    private static int merge(Store store, String partition, List<Source> batch, Manifest m, Settings settings,
            String token, int n, Path work, List<Merged> out) throws IOException {
        Map<String, List<String>> auditLines = auditLines(store, batch);
        long sourceRows = batch.stream().mapToLong(s -> s.steps().rowCount()).sum();
        long sourceBytes = batch.stream().mapToLong(s -> s.steps().sizeBytes()).sum();
        double perStep = sourceRows == 0 ? 16 : (double) sourceBytes / sourceRows;
        long sourceFrames = batch.stream().filter(s -> s.frames() != null).mapToLong(s -> s.frames().rowCount()).sum();
        double perFrame = sourceFrames == 0 ? 0 : (double) batch.stream().mapToLong(Source::framesBytes).sum() / sourceFrames;
        // Each episode's failed frames go with its steps into the merged steps file's footer.
        Map<String, Map<String, Long>> failed = new java.util.TreeMap<>();
        for (Source s : batch) {
            failed.putAll(FrameFailures.read(ShardReader.in(store, partition + "/" + s.steps().path())));
        }
        List<Cursor> steps = new ArrayList<>();
        List<Cursor> episodes = new ArrayList<>();
        List<Cursor> frames = new ArrayList<>();
        try {
            PriorityQueue<Cursor> stepsQueue = new PriorityQueue<>(BY_EPISODE);
            PriorityQueue<Cursor> episodesQueue = new PriorityQueue<>(BY_EPISODE);
            PriorityQueue<Cursor> framesQueue = new PriorityQueue<>(BY_EPISODE);
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).frames() != null) {
                    Cursor f = new Cursor(ShardReader.open(store, partition + "/" + batch.get(i).frames().path()), i);
                    frames.add(f);
                    if (f.row != null) {
                        framesQueue.add(f);
                    }
                }
                Cursor s = new Cursor(ShardReader.open(store, partition + "/" + batch.get(i).steps().path()), i);
                steps.add(s);
                if (s.row != null) {
                    stepsQueue.add(s);
                }
                Cursor e = new Cursor(ShardReader.open(store, partition + "/" + batch.get(i).episodes().path()), i);
                episodes.add(e);
                if (e.row != null) {
                    episodesQueue.add(e);
                }
            }
            Output shard = null;
            while (!episodesQueue.isEmpty()) {
                Cursor ec = episodesQueue.poll();
                GenericRecord episode = ec.row;
                String id = ec.episode();
                if (shard == null) {
                    shard = new Output(work, token + n++ + ".parquet", settings, failed);
                }
                // The episode's steps: whole, in one source, next in the steps merge.
                while (!stepsQueue.isEmpty() && stepsQueue.peek().episode().compareTo(id) < 0) {
                    Cursor sc = stepsQueue.poll(); // steps without an episodes row: kept, in order
                    shard.step(sc.row);
                    sc.advance();
                    if (sc.row != null) {
                        stepsQueue.add(sc);
                    }
                }
                while (!stepsQueue.isEmpty() && stepsQueue.peek().episode().equals(id)) {
                    Cursor sc = stepsQueue.poll();
                    while (sc.row != null && sc.episode().equals(id)) {
                        shard.step(sc.row);
                        sc.advance();
                    }
                    if (sc.row != null) {
                        stepsQueue.add(sc);
                    }
                }
                // Its frames likewise: whole, in one source (frames of no episode row are kept, in order).
                while (!framesQueue.isEmpty() && framesQueue.peek().episode().compareTo(id) <= 0) {
                    Cursor fc = framesQueue.poll();
                    boolean ours = fc.episode().equals(id);
                    shard.frame(fc.row);
                    if (ours) {
                        shard.framesOf(episode);
                    }
                    fc.advance();
                    if (fc.row != null) {
                        framesQueue.add(fc);
                    }
                }
                shard.episode(episode, auditLines.getOrDefault(id, List.of()));
                ec.advance();
                if (ec.row != null) {
                    episodesQueue.add(ec);
                }
                if (shard.rows * perStep >= settings.targetFileBytes()
                        || shard.frameRows * perFrame >= settings.targetFileBytes()) {
                    Merged done = shard.finish(store, partition);
                    perStep = (double) done.steps().sizeBytes() / Math.max(1, done.steps().rowCount());
                    out.add(done);
                    shard = null;
                }
            }
            while (!stepsQueue.isEmpty()) {
                if (shard == null) {
                    shard = new Output(work, token + n++ + ".parquet", settings, failed);
                }
                Cursor sc = stepsQueue.poll();
                shard.step(sc.row);
                sc.advance();
                if (sc.row != null) {
                    stepsQueue.add(sc);
                }
            }
            while (!framesQueue.isEmpty()) {
                if (shard == null) {
                    shard = new Output(work, token + n++ + ".parquet", settings, failed);
                }
                Cursor fc = framesQueue.poll();
                shard.frame(fc.row);
                fc.advance();
                if (fc.row != null) {
                    framesQueue.add(fc);
                }
            }
            if (shard != null) {
                out.add(shard.finish(store, partition));
            }
        } finally {
            for (List<Cursor> cursors : List.of(steps, episodes, frames)) {
                for (Cursor c : cursors) {
                    c.close();
                }
            }
        }
        return n;
    }

    /** The sources' audit lines by episode, in their order. */
    private static Map<String, List<String>> auditLines(Store store, List<Source> batch) throws IOException {
        Map<String, List<String>> byEpisode = new LinkedHashMap<>();
        for (Source s : batch) {
            for (String a : s.audit()) {
                Optional<byte[]> bytes = store.read(a);
                if (bytes.isEmpty()) {
                    continue;
                }
                for (String line : new String(bytes.get(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        JsonNode n = Json.MAPPER.readTree(line);
                        byEpisode.computeIfAbsent(n.get("episode_id").asText(), k -> new ArrayList<>()).add(line);
                    }
                }
            }
        }
        return byEpisode;
    }

    /** One merged shard being written locally: its steps, episodes and frames files and audit lines. */
    private static final class Output {
        final String name;
        final Path stepsFile;
        final Path episodesFile;
        final Path framesFile;
        final Settings settings;
        ParquetWriter<GenericRecord> steps;
        ParquetWriter<GenericRecord> episodes;
        ParquetWriter<GenericRecord> frames;
        final Set<String> users = new TreeSet<>();
        final Set<String> framesUsers = new TreeSet<>();
        final Set<String> framesEpisodes = new HashSet<>();
        long frameRows;
        final StringBuilder audit = new StringBuilder();
        long rows;
        long episodeCount;
        final Set<String> stepEpisodes = new HashSet<>();

        final Map<String, Map<String, Long>> failed;
        ParquetOutput stepsOut;

        Output(Path work, String name, Settings settings, Map<String, Map<String, Long>> failed) {
            this.name = name;
            this.failed = failed;
            this.stepsFile = work.resolve("steps-" + UUID.randomUUID() + ".parquet");
            this.episodesFile = work.resolve("episodes-" + UUID.randomUUID() + ".parquet");
            this.framesFile = work.resolve("frames-" + UUID.randomUUID() + ".parquet");
            this.settings = settings;
        }

        void frame(GenericRecord r) throws IOException {
            if (frames == null) {
                frames = ParquetFiles.open(framesFile, r.getSchema(), settings.rowGroupBytes());
            }
            frames.write(r);
            frameRows++;
            framesEpisodes.add(r.get("episode_id").toString());
        }

        /** The episode (its row) had frames here: its person is among the frames file's. */
        void framesOf(GenericRecord episode) {
            Object user = episode.get("user");
            if (user != null) {
                framesUsers.add(user.toString());
            }
        }

        void step(GenericRecord r) throws IOException {
            if (steps == null) {
                stepsOut = new ParquetOutput(stepsFile);
                steps = ParquetFiles.open(stepsOut, r.getSchema(), settings.rowGroupBytes());
            }
            steps.write(r);
            rows++;
            stepEpisodes.add(r.get("episode_id").toString());
            Object user = r.get("user");
            if (user != null) {
                users.add(user.toString());
            }
        }

        void episode(GenericRecord r, List<String> auditLines) throws IOException {
            if (episodes == null) {
                episodes = ParquetFiles.open(episodesFile, r.getSchema(), settings.rowGroupBytes());
            }
            if (r.getSchema().getField("file") != null) {
                r.put("file", new Utf8(DatasetLayout.STEPS + "/" + name));
            }
            episodes.write(r);
            episodeCount++;
            for (String line : auditLines) {
                audit.append(line).append('\n');
            }
        }

        Merged finish(Store store, String partition) throws IOException {
            Map<String, Map<String, Long>> mine = new java.util.TreeMap<>();
            for (String id : stepEpisodes) {
                if (failed.containsKey(id)) {
                    mine.put(id, failed.get(id));
                }
            }
            if (steps != null) {
                FrameFailures.record(stepsOut, mine);
                steps.close();
            }
            if (episodes != null) {
                episodes.close();
            }
            if (frames != null) {
                frames.close();
            }
            String stepsPath = DatasetLayout.STEPS + "/" + name;
            String episodesPath = DatasetLayout.EPISODES + "/" + name;
            Manifest.FileEntry s = upload(store, partition, stepsFile, stepsPath, DatasetLayout.STEPS, rows,
                    stepEpisodes.size(), users).withFramesFailed(FrameFailures.total(mine));
            Manifest.FileEntry e = upload(store, partition, episodesFile, episodesPath, DatasetLayout.EPISODES,
                    episodeCount, episodeCount, users);
            Manifest.FileEntry f = null;
            if (frames != null) {
                f = upload(store, partition, framesFile, DatasetLayout.FRAMES + "/" + name, DatasetLayout.FRAMES,
                        frameRows, framesEpisodes.size(), framesUsers);
            }
            String auditKey = null;
            if (audit.length() > 0) {
                auditKey = DatasetLayout.AUDIT + "/" + partition + "/redactions-" + name.replace(".parquet", ".jsonl");
                try (OutputStream out = store.create(auditKey)) {
                    out.write(audit.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            return new Merged(s, e, f, auditKey);
        }

        private Manifest.FileEntry upload(Store store, String partition, Path local, String path, String table,
                long rowCount, long episodes, Set<String> users) throws IOException {
            if (!Files.exists(local)) {
                throw new IOException("compaction of " + partition + " made no " + table + " file for " + name);
            }
            long size = Files.size(local);
            String sha = DatasetCommitter.sha256(local);
            store.upload(local, partition + "/" + path);
            Files.delete(local);
            return new Manifest.FileEntry(path, table, size, rowCount, episodes, sha, List.copyOf(users));
        }
    }
}
