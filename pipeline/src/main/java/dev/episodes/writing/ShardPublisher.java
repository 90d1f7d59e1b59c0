package dev.episodes.writing;

import dev.episodes.config.OutputLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stages shards while a checkpoint is open and publishes them once it completes (the two phases of
 * exactly-once output). Publishing is idempotent: a shard already moved is recognised and only its
 * manifest entry is (re)ensured, so a commit retried after a failure neither loses nor duplicates a
 * file. Manifest updates of one partition are serialized by a lock file under {@code _staging/locks}.
 * Streamed partitions are never {@code _SUCCESS} (complete): only a bounded build makes one complete.
 */
public final class ShardPublisher {
    private static final ReentrantLock IN_PROCESS = new ReentrantLock(); // FileLock does not exclude threads

    private final Path root;
    private final Map<String, Object> input;
    private final String keyId;
    private final ShardWriter writer;
    private final Map<String, Object> scope;

    /** @param input what feeds the dataset (for manifests), {@code keyId} the pseudonym key's public id */
    public ShardPublisher(Path root, Map<String, Object> input, String keyId, OutputLayout layout) {
        this(root, input, keyId, layout, null);
    }

    /** @param scope the scope policy's description every manifest records (null: none) */
    public ShardPublisher(Path root, Map<String, Object> input, String keyId, OutputLayout layout,
            Map<String, Object> scope) {
        this.scope = scope == null ? null : new java.util.LinkedHashMap<>(scope);
        this.root = root;
        this.input = Map.copyOf(input);
        this.keyId = keyId;
        this.writer = new ShardWriter(layout);
    }

    /** Writes episodes of one date as a shard under {@code _staging/stream/<attempt>/}. */
    public StagedShard stage(String attempt, String fileName, LocalDate date, List<dev.episodes.session.Episode> episodes)
            throws IOException {
        Path dir = root.resolve(DatasetLayout.STAGING).resolve("stream").resolve(attempt);
        String partition = DatasetLayout.partition(date);
        ShardStats stats = writer.write(dir.resolve(partition), dir.resolve(DatasetLayout.AUDIT).resolve(partition),
                fileName, episodes);
        return new StagedShard(partition, dir.toString(), fileName, stats);
    }

    /** Moves a staged shard into its partition and records it in the manifest. Safe to repeat. */
    public void publish(StagedShard shard) throws IOException {
        Path staged = Path.of(shard.stagedDir());
        Path partition = root.resolve(shard.partition());
        List<Path[]> moves = List.of(
                new Path[] {staged.resolve(shard.partition()).resolve(shard.stats().file()),
                        partition.resolve(shard.stats().file())},
                new Path[] {staged.resolve(shard.partition()).resolve(shard.stats().episodesFile()),
                        partition.resolve(shard.stats().episodesFile())},
                new Path[] {staged.resolve(DatasetLayout.AUDIT).resolve(shard.partition())
                        .resolve("redactions-" + shard.fileName().replace(".parquet", ".jsonl")),
                        root.resolve(DatasetLayout.AUDIT).resolve(shard.partition())
                                .resolve("redactions-" + shard.fileName().replace(".parquet", ".jsonl"))});
        for (Path[] m : moves) {
            if (Files.exists(m[0])) {
                Files.createDirectories(m[1].getParent());
                Files.move(m[0], m[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else if (!Files.exists(m[1]) && !m[0].toString().endsWith(".jsonl")) {
                throw new IOException("staged shard file lost before commit: " + m[0]);
            }
        }
        withPartitionLock(shard.partition(), () -> upsertManifest(partition, shard));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void withPartitionLock(String partition, IoAction action) throws IOException {
        Path lock = root.resolve(DatasetLayout.STAGING).resolve("locks").resolve(partition + ".lock");
        Files.createDirectories(lock.getParent());
        IN_PROCESS.lock();
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            action.run();
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private void upsertManifest(Path partition, StagedShard shard) throws IOException {
        Path file = partition.resolve(DatasetLayout.MANIFEST);
        Manifest old = Files.exists(file) ? Json.MAPPER.readValue(file.toFile(), Manifest.class) : null;
        List<Manifest.FileEntry> entries = new ArrayList<>(old == null ? List.of() : old.files());
        if (entries.stream().anyMatch(e -> e.path().equals(shard.stats().file()))) {
            return; // already recorded: a retried commit
        }
        // A partition the streaming job adds to is no longer what a bounded build made: it stops being
        // complete before its manifest changes, so no reader sees _SUCCESS beside the new content.
        Files.deleteIfExists(partition.resolve(DatasetLayout.SUCCESS));
        ShardStats s = shard.stats();
        Path steps = partition.resolve(s.file());
        Path episodes = partition.resolve(s.episodesFile());
        entries.add(new Manifest.FileEntry(s.file(), DatasetLayout.STEPS, Files.size(steps), s.rows(), s.episodes(),
                DatasetCommitter.sha256(steps), s.users()));
        entries.add(new Manifest.FileEntry(s.episodesFile(), DatasetLayout.EPISODES, Files.size(episodes), s.episodes(),
                s.episodes(), DatasetCommitter.sha256(episodes), s.users()));
        Map<String, Long> byAction = new TreeMap<>(old == null ? Map.of() : old.stepsByAction());
        Map<String, Long> byKind = new TreeMap<>(old == null ? Map.of() : old.redactionsByKind());
        s.stepsByAction().forEach((k, v) -> byAction.merge(k, v, Long::sum));
        s.redactionsByKind().forEach((k, v) -> byKind.merge(k, v, Long::sum));
        long bytes = entries.stream().mapToLong(Manifest.FileEntry::sizeBytes).sum();
        long rows = entries.stream().filter(e -> e.table().equals(DatasetLayout.STEPS))
                .mapToLong(Manifest.FileEntry::rowCount).sum();
        long eps = entries.stream().filter(e -> e.table().equals(DatasetLayout.STEPS))
                .mapToLong(Manifest.FileEntry::episodeCount).sum();
        long redactions = byKind.values().stream().mapToLong(Long::longValue).sum();
        Manifest m = new Manifest(DatasetCommitter.SCHEMA_VERSION, partition.getFileName().toString(),
                "stream", input, keyId, entries,
                new Manifest.Totals(entries.size(), bytes, rows, eps, redactions), byAction, byKind, null, scope);
        Json.writeAtomically(file, m);
    }
}
