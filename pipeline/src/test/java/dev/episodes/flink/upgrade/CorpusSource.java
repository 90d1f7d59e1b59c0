package dev.episodes.flink.upgrade;

import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A fixed corpus of JSON lines, read by one reader from its split's position: up to {@code pauseAt}, then
 * idle and unbounded (a job that a savepoint can stop with episodes open), or, with {@code pauseAt} at the
 * end, bounded. Its state is the position, so a job restored from the savepoint reads the rest.
 */
final class CorpusSource implements Source<DecodeResult, CorpusSource.Split, Boolean> {
    private static final long serialVersionUID = 1L;
    /** Lines handed out by readers of this JVM (the MiniCluster runs in it). */
    static final AtomicInteger EMITTED = new AtomicInteger();

    private final ArrayList<String> lines;
    private final int pauseAt;
    private final TimeBounds bounds;

    /** {@code bounds}: what the decoder accepts (the job's from its clock; fixed here). */
    CorpusSource(List<String> lines, int pauseAt, TimeBounds bounds) {
        this.lines = new ArrayList<>(lines);
        this.pauseAt = pauseAt;
        this.bounds = bounds;
    }

    record Split(int position) implements SourceSplit {
        @Override
        public String splitId() {
            return "corpus";
        }
    }

    @Override
    public Boundedness getBoundedness() {
        return pauseAt >= lines.size() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<Split, Boolean> createEnumerator(SplitEnumeratorContext<Split> context) {
        return new Enumerator(context, false);
    }

    @Override
    public SplitEnumerator<Split, Boolean> restoreEnumerator(SplitEnumeratorContext<Split> context, Boolean assigned) {
        return new Enumerator(context, assigned);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Split split) {
                return ByteBuffer.allocate(4).putInt(split.position()).array();
            }

            @Override
            public Split deserialize(int version, byte[] bytes) throws IOException {
                if (version != 1) {
                    throw new IOException("unknown corpus split version " + version);
                }
                return new Split(ByteBuffer.wrap(bytes).getInt());
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Boolean assigned) {
                return new byte[] {(byte) (assigned ? 1 : 0)};
            }

            @Override
            public Boolean deserialize(int version, byte[] bytes) throws IOException {
                if (version != 1) {
                    throw new IOException("unknown corpus enumerator version " + version);
                }
                return bytes[0] == 1;
            }
        };
    }

    @Override
    public SourceReader<DecodeResult, Split> createReader(SourceReaderContext context) {
        return new Reader(lines, pauseAt, bounds);
    }

    /** Hands the one split to the first reader; a reader that failed gives it back. */
    private static final class Enumerator implements SplitEnumerator<Split, Boolean> {
        private final SplitEnumeratorContext<Split> context;
        private boolean assigned;
        private Split returned;

        Enumerator(SplitEnumeratorContext<Split> context, boolean assigned) {
            this.context = context;
            this.assigned = assigned;
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<Split> splits, int subtaskId) {
            returned = splits.get(0);
            assigned = false;
        }

        @Override
        public void addReader(int subtaskId) {
            if (!assigned) {
                context.assignSplit(returned == null ? new Split(0) : returned, subtaskId);
                assigned = true;
            }
        }

        @Override
        public Boolean snapshotState(long checkpointId) {
            return assigned;
        }

        @Override
        public void close() {}
    }

    private static final class Reader implements SourceReader<DecodeResult, Split> {
        private final List<String> lines;
        private final int pauseAt;
        private final JsonEventDecoder decoder;
        private final CompletableFuture<Void> never = new CompletableFuture<>();
        private final CompletableFuture<Void> assigned = new CompletableFuture<>();
        private int position = -1;

        Reader(List<String> lines, int pauseAt, TimeBounds bounds) {
            this.lines = lines;
            this.pauseAt = pauseAt;
            this.decoder = new JsonEventDecoder(bounds);
        }

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<DecodeResult> output) {
            if (position < 0) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            if (position < Math.min(pauseAt, lines.size())) {
                output.collect(decoder.decode(lines.get(position++)));
                EMITTED.incrementAndGet();
                return InputStatus.MORE_AVAILABLE;
            }
            return position >= lines.size() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return position < 0 ? List.of() : List.of(new Split(position));
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (position < 0) {
                return assigned;
            }
            return position < Math.min(pauseAt, lines.size()) || position >= lines.size()
                    ? CompletableFuture.completedFuture(null) : never; // paused: idle until stopped
        }

        @Override
        public void addSplits(List<Split> splits) {
            position = splits.get(0).position();
            assigned.complete(null);
        }

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }
}
