package dev.episodes.flink.sink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreSettings;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import dev.episodes.writing.PartitionLog;
import dev.episodes.writing.ShardFiles;
import dev.episodes.writing.ShardPublisher;
import dev.episodes.writing.ShardStats;
import dev.episodes.writing.StagedShard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once episode shards for the streaming job. At each checkpoint barrier the writer writes what
 * it buffered as Parquet shards (one per partition date, rows sorted) straight to their final names in
 * the partitions, unique per attempt ({@code part-s<attempt>-<subtask>-<n>.parquet}); the committable
 * carries the names and stats. Only when the checkpoint completes does the committer append them to
 * the manifests through the commit protocol. A failure before that publishes nothing (the files are
 * orphans the stream removes at a later start, after {@link DatasetLayout#ORPHAN_GRACE}); a retried
 * commit is idempotent.
 */
public final class EpisodeCommitSink implements Sink<Episode>, SupportsCommitter<StagedShard> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EpisodeCommitSink.class);

    private final String root;
    private final StoreSettings settings;
    private final HashMap<String, Object> input;
    private final String keyId;
    private final OutputLayout layout;
    private final HashMap<String, Object> scope;
    private final Duration grace;

    public EpisodeCommitSink(String root, Map<String, Object> input, String keyId, OutputLayout layout) {
        this(root, input, keyId, layout, null);
    }

    /** @param scope the scope policy's description, recorded in every manifest */
    public EpisodeCommitSink(String root, Map<String, Object> input, String keyId, OutputLayout layout,
            Map<String, Object> scope) {
        this(root, StoreSettings.current(), input, keyId, layout, scope, DatasetLayout.RETIRED_GRACE);
    }

    /** @param grace how long files a commit stopped naming are kept ({@code --retired-grace}) */
    public EpisodeCommitSink(String root, StoreSettings settings, Map<String, Object> input, String keyId,
            OutputLayout layout, Map<String, Object> scope, Duration grace) {
        this.scope = scope == null ? null : new HashMap<>(scope);
        this.root = root;
        this.settings = settings;
        this.input = new HashMap<>(input);
        this.keyId = keyId;
        this.layout = layout;
        this.grace = grace;
    }

    private ShardPublisher publisher() throws IOException {
        return new ShardPublisher(Store.of(root, settings), input, keyId, layout, scope, grace);
    }

    @Override
    public SinkWriter<Episode> createWriter(WriterInitContext context) throws IOException {
        return new Writer(publisher(), context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public Committer<StagedShard> createCommitter(CommitterInitContext context) throws IOException {
        ShardPublisher publisher = publisher();
        boolean cleaner = context.getTaskInfo().getIndexOfThisSubtask() == 0;
        CommitMetrics metrics = new CommitMetrics(context.metricGroup());
        return new Committer<>() {
            private boolean cleaned = !cleaner;

            @Override
            public void commit(Collection<CommitRequest<StagedShard>> requests) {
                for (CommitRequest<StagedShard> r : requests) {
                    try {
                        long started = System.nanoTime();
                        PartitionLog.Outcome outcome = publisher.publish(r.getCommittable());
                        metrics.committed(r.getCommittable(), outcome, System.nanoTime() - started);
                    } catch (IOException e) {
                        metrics.failed();
                        if (r.getNumberOfRetries() < 5) {
                            r.retryLater();
                        } else {
                            r.signalFailedWithUnknownReason(e);
                        }
                    }
                }
                if (!cleaned) {
                    // After the first commit: committables restored from a checkpoint are committed by now,
                    // so what no manifest names and is old enough was written by an attempt that died.
                    cleaned = true;
                    try {
                        List<String> gone = publisher.removeOrphans(DatasetLayout.ORPHAN_GRACE, System.currentTimeMillis());
                        if (!gone.isEmpty()) {
                            LOG.info("removed {} files of streaming attempts that never committed", gone.size());
                        }
                    } catch (IOException e) {
                        LOG.warn("could not remove files of earlier attempts that never committed: {}", e.toString());
                    }
                }
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public SimpleVersionedSerializer<StagedShard> getCommittableSerializer() {
        return new CommittableSerializer(root, settings);
    }

    /**
     * Version 2: a shard already under its final names (names, sizes, SHA-256, counts). Version 1 (before
     * schema 1.1) named a shard staged under {@code _staging/stream/} on a local disk: it is uploaded to
     * its final names when restored, then committed like any other.
     */
    static final class CommittableSerializer implements SimpleVersionedSerializer<StagedShard> {
        private final String root;
        private final StoreSettings settings;

        CommittableSerializer(String root, StoreSettings settings) {
            this.root = root;
            this.settings = settings;
        }

        @Override
        public int getVersion() {
            return 2;
        }

        @Override
        public byte[] serialize(StagedShard shard) throws IOException {
            return Json.MAPPER.writeValueAsBytes(shard);
        }

        @Override
        public StagedShard deserialize(int version, byte[] bytes) throws IOException {
            if (version == 2) {
                return Json.MAPPER.readValue(bytes, StagedShard.class);
            }
            if (version == 1) {
                return legacy(Json.MAPPER.readTree(bytes));
            }
            throw new IOException("unknown committable version " + version + " (this build knows 1 and 2)");
        }

        private StagedShard legacy(JsonNode n) throws IOException {
            String partition = n.get("partition").asText();
            ShardStats stats = Json.MAPPER.treeToValue(n.get("stats"), ShardStats.class);
            Path staged = Path.of(n.get("staged_dir").asText());
            Path local = staged.resolve(partition);
            Path audit = staged.resolve(DatasetLayout.AUDIT).resolve(partition);
            Store store = Store.of(root, settings);
            Path temp = Files.createTempDirectory("episodes-legacy-");
            try {
                for (String f : List.of(stats.file(), stats.episodesFile())) {
                    String key = partition + "/" + f;
                    if (!Files.exists(local.resolve(f)) && store.exists(key)) {
                        // the old publish moved it before it died: describe what is there
                        ShardFiles.download(store, key, temp.resolve(f));
                        store.delete(key);
                    } else if (Files.exists(local.resolve(f))) {
                        Files.createDirectories(temp.resolve(f).getParent());
                        Files.copy(local.resolve(f), temp.resolve(f));
                    }
                }
                String auditName = "redactions-" + ShardFiles.nameOf(stats.file()).replace(".parquet", ".jsonl");
                if (Files.exists(audit.resolve(auditName))) {
                    Files.createDirectories(temp.resolve(DatasetLayout.AUDIT));
                    Files.copy(audit.resolve(auditName), temp.resolve(DatasetLayout.AUDIT).resolve(auditName));
                    store.delete(ShardFiles.auditKey(partition, ShardFiles.nameOf(stats.file())));
                }
                return ShardFiles.upload(store, partition, temp, temp.resolve(DatasetLayout.AUDIT), stats);
            } finally {
                DatasetCommitter.deleteRecursively(temp);
            }
        }
    }

    /** Buffers episodes between checkpoints; at a barrier, writes them as shards under their final names. */
    private static final class Writer implements CommittingSinkWriter<Episode, StagedShard> {
        private final ShardPublisher publisher;
        private final String attempt = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        private final int subtask;
        private final Map<LocalDate, List<Episode>> buffers = new TreeMap<>();
        private long seq;

        Writer(ShardPublisher publisher, int subtask) {
            this.publisher = publisher;
            this.subtask = subtask;
        }

        @Override
        public void write(Episode episode, Context context) {
            buffers.computeIfAbsent(DatasetLayout.dateOf(episode.startTsUs()), d -> new ArrayList<>()).add(episode);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<StagedShard> prepareCommit() throws IOException {
            List<StagedShard> staged = new ArrayList<>();
            for (Map.Entry<LocalDate, List<Episode>> e : buffers.entrySet()) {
                String name = "part-s" + attempt + "-" + subtask + "-" + seq++ + ".parquet";
                staged.add(publisher.stage(attempt, name, e.getKey(), e.getValue()));
            }
            buffers.clear();
            return staged;
        }

        @Override
        public void close() {}
    }
}
