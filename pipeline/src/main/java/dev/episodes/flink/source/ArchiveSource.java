package dev.episodes.flink.source;

import dev.episodes.archive.ArchiveLine;
import dev.episodes.archive.ArchiveListing;
import dev.episodes.archive.CorruptArchives;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.file.src.AbstractFileSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.FileSourceSplitSerializer;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Archived exports: the files of an {@link ArchiveListing} ({@code .jsonl} / {@code .jsonl.gz}, gzip
 * detected by extension), read as lines of bytes by {@link ArchiveLineFormat}. {@code readers} readers, each
 * taking one {@link Stripe} of every file, files in path order (see {@link StripedSplitEnumerator}), so that
 * what decodes a line can run in the reader's thread: no shuffle of raw lines.
 */
public final class ArchiveSource {
    private ArchiveSource() {}

    public static DataStream<ArchiveLine> lines(StreamExecutionEnvironment env, ArchiveListing listing,
            CorruptArchives onCorrupt, int readers) {
        org.apache.flink.core.fs.Path[] paths = listing.files().stream()
                .map(ArchiveSource::flinkPath)
                .toArray(org.apache.flink.core.fs.Path[]::new);
        List<String> keys = listing.files().stream().map(p -> ArchiveLineFormat.key(flinkPath(p))).toList();
        return env.fromSource(new Striped(paths, new ArchiveLineFormat(keys, listing.names(), onCorrupt), readers),
                WatermarkStrategy.noWatermarks(), "archive-files").setParallelism(readers);
    }

    private static org.apache.flink.core.fs.Path flinkPath(Path p) {
        return new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri());
    }

    /** Every listed file as {@code stripes} splits, one per reader. */
    private static final class Striped extends AbstractFileSource<ArchiveLine, FileSourceSplit> {
        private static final long serialVersionUID = 1L;
        private final org.apache.flink.core.fs.Path[] paths;
        private final int stripes;

        Striped(org.apache.flink.core.fs.Path[] paths, ArchiveLineFormat format, int stripes) {
            super(paths, Striped::files, FileSource.DEFAULT_SPLIT_ASSIGNER, format, null); // assigner unused: the enumerator is ours
            this.paths = paths;
            this.stripes = stripes;
        }

        // Exactly the listed files: Flink's default filter would drop names starting with '_' unseen.
        private static FileEnumerator files() {
            return new NonSplittingRecursiveEnumerator(p -> true);
        }

        @Override
        public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> createEnumerator(
                SplitEnumeratorContext<FileSourceSplit> context) {
            Collection<FileSourceSplit> files;
            try {
                files = files().enumerateSplits(paths, 1);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the archive files", e);
            }
            List<FileSourceSplit> splits = new ArrayList<>();
            int file = 0;
            for (FileSourceSplit f : files.stream().sorted(StripedSplitEnumerator.ORDER).toList()) {
                for (int i = 0; i < stripes; i++) {
                    splits.add(new FileSourceSplit(Stripe.splitId(file, new Stripe(i, stripes)), f.path(), f.offset(),
                            f.length(), f.fileModificationTime(), f.fileSize(), f.hostnames()));
                }
                file++;
            }
            return new StripedSplitEnumerator(context, splits);
        }

        @Override
        public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> restoreEnumerator(
                SplitEnumeratorContext<FileSourceSplit> context, PendingSplitsCheckpoint<FileSourceSplit> checkpoint) {
            return new StripedSplitEnumerator(context, checkpoint.getSplits());
        }

        @Override
        public SimpleVersionedSerializer<FileSourceSplit> getSplitSerializer() {
            return FileSourceSplitSerializer.INSTANCE;
        }
    }
}
