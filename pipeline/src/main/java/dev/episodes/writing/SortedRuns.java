package dev.episodes.writing;

import dev.episodes.session.Episode;
import dev.episodes.snapshot.EpisodeIO;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * An external sort of episodes by id: at most {@code maxBufferedSteps} steps are held in memory; beyond
 * that (or beyond {@link #MAX_BUFFERED_FRAME_BYTES} of frames' images) a sorted run is spilled to
 * {@code spillDir}, and {@link #sorted()} merges the runs. A shard file
 * of 256 MB holds far more rows than fit a heap, yet its rows must be sorted (episodes.md).
 */
public final class SortedRuns implements Closeable {
    private static final Comparator<Episode> BY_ID = Comparator.comparing(Episode::episodeId);
    /** Images weigh far more than steps: a million steps with frames would be hundreds of GB in memory. */
    static final long MAX_BUFFERED_FRAME_BYTES = 256L << 20;

    private final Path spillDir;
    private final long maxBufferedSteps;
    private final long maxBufferedFrameBytes;
    private final List<Episode> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private final List<DataInputStream> open = new ArrayList<>();
    private long bufferedSteps;
    private long bufferedFrameBytes;

    public SortedRuns(Path spillDir, long maxBufferedSteps) {
        this(spillDir, maxBufferedSteps, MAX_BUFFERED_FRAME_BYTES);
    }

    SortedRuns(Path spillDir, long maxBufferedSteps, long maxBufferedFrameBytes) {
        this.maxBufferedFrameBytes = maxBufferedFrameBytes;
        this.spillDir = spillDir;
        this.maxBufferedSteps = maxBufferedSteps;
    }

    public void add(Episode e) throws IOException {
        buffer.add(e);
        bufferedSteps += e.steps().size();
        bufferedFrameBytes += ShardWriter.frameBytes(e);
        if (bufferedSteps >= maxBufferedSteps || bufferedFrameBytes >= maxBufferedFrameBytes) {
            spill();
        }
    }

    public int spilledRuns() {
        return runs.size();
    }

    /** Every episode added, in id order; read once. */
    public Iterator<Episode> sorted() throws IOException {
        buffer.sort(BY_ID);
        if (runs.isEmpty()) {
            return buffer.iterator();
        }
        List<Iterator<Episode>> sources = new ArrayList<>();
        sources.add(buffer.iterator());
        for (Path run : runs) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
            open.add(in);
            sources.add(new RunIterator(in));
        }
        return new Merge(sources);
    }

    private void spill() throws IOException {
        buffer.sort(BY_ID);
        Files.createDirectories(spillDir);
        Path run = spillDir.resolve("run-" + runs.size() + ".bin");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
            for (Episode e : buffer) {
                out.writeBoolean(true);
                EpisodeIO.write(out, e);
            }
            out.writeBoolean(false);
        }
        runs.add(run);
        buffer.clear();
        bufferedSteps = 0;
        bufferedFrameBytes = 0;
    }

    @Override
    public void close() throws IOException {
        for (DataInputStream in : open) {
            in.close();
        }
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        buffer.clear();
    }

    private static final class RunIterator implements Iterator<Episode> {
        private final DataInputStream in;
        private Episode next;

        RunIterator(DataInputStream in) {
            this.in = in;
            advance();
        }

        private void advance() {
            try {
                next = in.readBoolean() ? EpisodeIO.read(in) : null;
            } catch (EOFException e) {
                throw new UncheckedIOException("sorted run truncated", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Episode next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Episode e = next;
            advance();
            return e;
        }
    }

    /** k-way merge of sorted iterators. */
    private static final class Merge implements Iterator<Episode> {
        private record Head(Episode episode, Iterator<Episode> rest) {}

        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> BY_ID.compare(a.episode(), b.episode()));

        Merge(List<Iterator<Episode>> sources) {
            for (Iterator<Episode> s : sources) {
                if (s.hasNext()) {
                    heads.add(new Head(s.next(), s));
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public Episode next() {
            Head h = heads.poll();
            if (h == null) {
                throw new NoSuchElementException();
            }
            if (h.rest().hasNext()) {
                heads.add(new Head(h.rest().next(), h.rest()));
            }
            return h.episode();
        }
    }
}
