package dev.episodes.writing;

import dev.episodes.storage.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Moving finished shards between a writer's LOCAL temp folder and the store: a shard is written
 * locally (Parquet needs a seekable file and its footer is normalised there), then uploaded whole under
 * its final name; never renamed in the store, never rewritten. And back: a shard downloaded to read it.
 */
public final class ShardFiles {
    private ShardFiles() {}

    /** The audit file of a shard, relative to the dataset root. */
    public static String auditKey(String partition, String fileName) {
        return DatasetLayout.AUDIT + "/" + partition + "/" + auditName(fileName);
    }

    static String auditName(String fileName) {
        return "redactions-" + fileName.replace(".parquet", ".jsonl");
    }

    /** The shard's name ({@code part-….parquet}) from its steps file. */
    public static String nameOf(String stepsFile) {
        return stepsFile.substring(stepsFile.lastIndexOf('/') + 1);
    }

    /** {@code part-x.parquet} with a random suffix: {@code part-x-1f2e3d4c.parquet}. */
    public static String suffixed(String fileName) {
        return fileName.replace(".parquet", "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
                + ".parquet");
    }

    /** What a shard written under {@code localPartition} (and its audit lines under {@code localAudit}) holds. */
    public static StagedShard describe(String partition, Path localPartition, Path localAudit, ShardStats s)
            throws IOException {
        Path steps = localPartition.resolve(s.file());
        Path episodes = localPartition.resolve(s.episodesFile());
        Path audit = localAudit.resolve(auditName(nameOf(s.file())));
        List<Manifest.FileEntry> files = new ArrayList<>(List.of(
                new Manifest.FileEntry(s.file(), DatasetLayout.STEPS, Files.size(steps), s.rows(), s.episodes(),
                        DatasetCommitter.sha256(steps), s.users(), s.framesFailed()),
                new Manifest.FileEntry(s.episodesFile(), DatasetLayout.EPISODES, Files.size(episodes), s.episodes(),
                        s.episodes(), DatasetCommitter.sha256(episodes), s.users())));
        if (s.framesFile() != null) {
            Path frames = localPartition.resolve(s.framesFile());
            files.add(new Manifest.FileEntry(s.framesFile(), DatasetLayout.FRAMES, Files.size(frames), s.frames(),
                    s.framesEpisodes(), DatasetCommitter.sha256(frames), s.framesUsers()));
        }
        return new StagedShard(partition, files,
                Files.exists(audit) ? auditKey(partition, nameOf(s.file())) : null, s.stepsByAction(),
                s.redactionsByKind());
    }

    /** Uploads a locally written shard to its final names, then removes the local copies. */
    public static StagedShard upload(Store store, String partition, Path localPartition, Path localAudit,
            ShardStats s) throws IOException {
        StagedShard shard = describe(partition, localPartition, localAudit, s);
        for (Manifest.FileEntry f : shard.files()) {
            Path local = localPartition.resolve(f.path());
            store.upload(local, partition + "/" + f.path());
            Files.delete(local);
        }
        if (shard.audit() != null) {
            Path local = localAudit.resolve(auditName(nameOf(s.file())));
            store.upload(local, shard.audit());
            Files.delete(local);
        }
        return shard;
    }

    /**
     * Gives a locally written shard another name: the steps file, the frames file and audit lines move, the
     * episodes file is rewritten (its {@code file} column names the steps file). Local files only.
     */
    public static ShardStats rename(Path localPartition, Path localAudit, ShardStats s, String newName)
            throws IOException {
        String oldName = nameOf(s.file());
        String stepsFile = DatasetLayout.STEPS + "/" + newName;
        String episodesFile = DatasetLayout.EPISODES + "/" + newName;
        Files.move(localPartition.resolve(s.file()), localPartition.resolve(stepsFile), StandardCopyOption.REPLACE_EXISTING);
        Path oldAudit = localAudit.resolve(auditName(oldName));
        if (Files.exists(oldAudit)) {
            Files.move(oldAudit, localAudit.resolve(auditName(newName)), StandardCopyOption.REPLACE_EXISTING);
        }
        Path oldEpisodes = localPartition.resolve(s.episodesFile());
        List<GenericRecord> rows = ShardReader.read(oldEpisodes);
        for (GenericRecord r : rows) {
            r.put("file", stepsFile);
        }
        write(localPartition.resolve(episodesFile), rows);
        Files.delete(oldEpisodes);
        String framesFile = null;
        if (s.framesFile() != null) {
            framesFile = DatasetLayout.FRAMES + "/" + newName;
            Files.move(localPartition.resolve(s.framesFile()), localPartition.resolve(framesFile),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return new ShardStats(stepsFile, episodesFile, s.rows(), s.episodes(), s.stepsByAction(), s.redactionsByKind(),
                s.users(), framesFile, s.frames(), s.framesEpisodes(), s.framesUsers(), s.framesFailed());
    }

    /** Writes generic rows (of one schema) as a Parquet file the way every shard is written. */
    static void write(Path file, List<GenericRecord> rows) throws IOException {
        write(file, rows, Map.of());
    }

    /** As {@link #write(Path, List)}, a steps file recording its episodes' failed frames ({@link FrameFailures}). */
    static void write(Path file, List<GenericRecord> rows, Map<String, Map<String, Long>> failedFrames)
            throws IOException {
        Files.createDirectories(file.getParent());
        ParquetOutput out = new ParquetOutput(file);
        FrameFailures.record(out, failedFrames);
        try (ParquetWriter<GenericRecord> w = ParquetFiles.open(out, rows.get(0).getSchema(),
                ParquetFiles.ROW_GROUP_BYTES)) {
            for (GenericRecord r : rows) {
                w.write(r);
            }
        }
    }

    /** Copies a key of the store to a local file (to read it with parquet-java). */
    public static Path download(Store store, String key, Path local) throws IOException {
        Files.createDirectories(local.getParent());
        try (InputStream in = store.open(key)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return local;
    }

    /** Deletes keys of the store, ignoring those already gone; returns those it deleted. */
    public static List<String> deleteAll(Store store, List<String> keys) throws IOException {
        List<String> deleted = new ArrayList<>();
        for (String k : keys) {
            if (store.delete(k)) {
                deleted.add(k);
            }
        }
        return deleted;
    }
}
