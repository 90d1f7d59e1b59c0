package dev.episodes.flink.sink;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import dev.episodes.writing.ShardPublisher;
import dev.episodes.writing.StagedShard;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Exactly-once episode shards for the streaming job. At each checkpoint barrier the writer stages what
 * it buffered as Parquet shards (one per partition date, rows sorted); only when the checkpoint
 * completes does the committer move them into {@code dt=} partitions and record them in the manifest.
 * A failure before that publishes nothing; a retried commit is idempotent.
 */
public final class EpisodeCommitSink implements Sink<Episode>, SupportsCommitter<StagedShard> {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final HashMap<String, Object> input;
    private final String keyId;
    private final OutputLayout layout;
    private final HashMap<String, Object> scope;

    public EpisodeCommitSink(String root, Map<String, Object> input, String keyId, OutputLayout layout) {
        this(root, input, keyId, layout, null);
    }

    /** @param scope the scope policy's description, recorded in every manifest */
    public EpisodeCommitSink(String root, Map<String, Object> input, String keyId, OutputLayout layout,
            Map<String, Object> scope) {
        this.scope = scope == null ? null : new HashMap<>(scope);
        this.root = root;
        this.input = new HashMap<>(input);
        this.keyId = keyId;
        this.layout = layout;
    }

    private ShardPublisher publisher() {
        return new ShardPublisher(Path.of(root), input, keyId, layout, scope);
    }

    @Override
    public SinkWriter<Episode> createWriter(WriterInitContext context) {
        return new Writer(publisher(), context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public Committer<StagedShard> createCommitter(CommitterInitContext context) {
        ShardPublisher publisher = publisher();
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<StagedShard>> requests) {
                for (CommitRequest<StagedShard> r : requests) {
                    try {
                        publisher.publish(r.getCommittable());
                    } catch (IOException e) {
                        if (r.getNumberOfRetries() < 5) {
                            r.retryLater();
                        } else {
                            r.signalFailedWithUnknownReason(e);
                        }
                    }
                }
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public SimpleVersionedSerializer<StagedShard> getCommittableSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(StagedShard shard) throws IOException {
                return Json.MAPPER.writeValueAsBytes(shard);
            }

            @Override
            public StagedShard deserialize(int version, byte[] bytes) throws IOException {
                return Json.MAPPER.readValue(bytes, StagedShard.class);
            }
        };
    }

    /** Buffers episodes between checkpoints; at a barrier, stages them as shards. */
    private static final class Writer implements CommittingSinkWriter<Episode, StagedShard> {
        private final ShardPublisher publisher;
        private final String attempt = UUID.randomUUID().toString().substring(0, 8);
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
                String name = DatasetLayout.fileName(attempt + "-" + subtask, seq++);
                staged.add(publisher.stage(attempt, name, e.getKey(), e.getValue()));
            }
            buffers.clear();
            return staged;
        }

        @Override
        public void close() {}
    }
}
