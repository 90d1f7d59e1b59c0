package dev.episodes.flink.source;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.archive.ArchiveLine;
import dev.episodes.archive.ArchiveLines;
import dev.episodes.archive.CorruptArchives;
import dev.episodes.flink.serialization.PipelineTypes;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;

/**
 * Reads archive files as {@link ArchiveLine}s, bytes untouched (see {@link ArchiveLines}), gunzipping
 * {@code .gz} itself so that a damaged file is seen here, with its name and line: the run stops with
 * an {@link ArchiveInputError}, or ({@link CorruptArchives#SKIP}) the lines before the damage are kept and
 * one {@code UNREADABLE} line stands for the rest. A split may be one {@link Stripe} of its file: then the
 * reader passes over the other stripes' lines, and only stripe 0 reports damage. Positions are counts of the
 * lines this reader gave, so a restored reader skips those again.
 */
final class ArchiveLineFormat implements BulkFormat<ArchiveLine, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH_LINES = 1024;
    private static final int BATCH_BYTES = 1 << 20;

    private final HashMap<String, Integer> fileByPath = new HashMap<>();
    private final List<String> names;
    private final CorruptArchives onCorrupt;

    /** @param paths absolute paths of the files, {@code names} their names for messages, in the same order */
    ArchiveLineFormat(List<String> paths, List<String> names, CorruptArchives onCorrupt) {
        for (int i = 0; i < paths.size(); i++) {
            fileByPath.put(paths.get(i), i);
        }
        this.names = List.copyOf(names);
        this.onCorrupt = onCorrupt;
    }

    static String key(Path p) {
        return p.toUri().getPath();
    }

    @Override
    public Reader<ArchiveLine> createReader(Configuration config, FileSourceSplit split) {
        return new LineReader(split, 0);
    }

    @Override
    public Reader<ArchiveLine> restoreReader(Configuration config, FileSourceSplit split) {
        return new LineReader(split, split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L));
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<ArchiveLine> getProducedType() {
        return PipelineTypes.ARCHIVE_LINE;
    }

    private final class LineReader implements Reader<ArchiveLine> {
        private final int file;
        private final String name;
        private final Stripe stripe;
        private ArchiveLines lines;
        private ArchiveLine pending; // the file could not even be opened
        private long given;
        private boolean done;

        LineReader(FileSourceSplit split, long skip) {
            Integer index = fileByPath.get(key(split.path()));
            if (index == null) {
                throw new IllegalStateException("not an input of this run: " + split.path());
            }
            file = index;
            name = names.get(file);
            stripe = Stripe.of(split);
            try {
                lines = ArchiveLines.open(split.path().getFileSystem().open(split.path()), name, file);
            } catch (IOException e) {
                pending = damaged(1, e);
                done = pending == null;
            }
            while (given < skip && !done) { // restored: these lines were given before
                try {
                    if (pending != null || nextOwn() == null) {
                        done = true;
                    }
                } catch (IOException e) {
                    done = true; // the damage was reported before
                }
                given++;
            }
        }

        @Override
        public RecordIterator<ArchiveLine> readBatch() throws IOException {
            if (done) {
                return null;
            }
            ArchiveLine[] batch = new ArchiveLine[BATCH_LINES];
            int n = 0;
            long bytes = 0;
            long before = given;
            while (n < BATCH_LINES && bytes < BATCH_BYTES) {
                ArchiveLine line;
                if (pending != null) {
                    line = pending;
                    done = true;
                } else {
                    try {
                        line = nextOwn();
                    } catch (IOException e) {
                        line = damaged(lines.lines() + 1, e);
                        done = true;
                    }
                }
                if (line == null) {
                    done = true;
                    break;
                }
                batch[n++] = line;
                bytes += line.bytes().length;
                given++;
                if (done) {
                    break;
                }
            }
            if (n == 0) {
                return null;
            }
            ArrayResultIterator<ArchiveLine> it = new ArrayResultIterator<>();
            it.set(batch, n, CheckpointedPosition.NO_OFFSET, before);
            return it;
        }

        /** This stripe's next line, passing over the others'; null at the end of the file. */
        private ArchiveLine nextOwn() throws IOException {
            while (!stripe.owns(lines.lines() + 1)) {
                if (!lines.skip()) {
                    return null;
                }
            }
            return lines.next();
        }

        /** The line standing for the damage (null: another stripe of the file reports it), or the run's error. */
        private ArchiveLine damaged(long line, IOException e) {
            String why = why(e);
            if (onCorrupt == CorruptArchives.FAIL) {
                throw new ArchiveInputError("input file " + name + " cannot be read at line " + line + " (" + why
                        + "): replace or remove it, or rerun with --on-corrupt-archive skip to keep its first "
                        + (line - 1) + " lines and count the rest as a dead letter");
            }
            return stripe.reportsDamage() ? ArchiveLine.unreadable(file, line, why) : null;
        }

        @Override
        public void close() throws IOException {
            if (lines != null) {
                lines.close();
            }
        }
    }

    static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.io.FileNotFoundException) { // what opening a local file throws
            return e.getMessage() != null && e.getMessage().contains("Permission denied") ? "permission denied"
                    : "cannot open it";
        }
        if (e instanceof NoSuchFileException) {
            return "the file is gone";
        }
        if (e instanceof EOFException) {
            return "it ends early, truncated: " + e.getMessage();
        }
        if (e instanceof ZipException) {
            return "corrupt gzip: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
