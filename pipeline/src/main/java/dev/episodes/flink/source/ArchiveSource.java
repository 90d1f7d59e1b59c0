package dev.episodes.flink.source;

import dev.episodes.archive.ArchiveLine;
import dev.episodes.archive.ArchiveListing;
import dev.episodes.archive.CorruptArchives;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Archived exports: the files of an {@link ArchiveListing} ({@code .jsonl} / {@code .jsonl.gz}, gzip
 * detected by extension), read as lines of bytes by {@link ArchiveLineFormat}. One reader, files in path
 * order: see {@link OrderedSplitAssigner}.
 */
public final class ArchiveSource {
    private ArchiveSource() {}

    public static DataStream<ArchiveLine> lines(StreamExecutionEnvironment env, ArchiveListing listing,
            CorruptArchives onCorrupt) {
        org.apache.flink.core.fs.Path[] paths = listing.files().stream()
                .map(ArchiveSource::flinkPath)
                .toArray(org.apache.flink.core.fs.Path[]::new);
        List<String> keys = listing.files().stream().map(p -> ArchiveLineFormat.key(flinkPath(p))).toList();
        FileSource<ArchiveLine> source = FileSource
                .forBulkFileFormat(new ArchiveLineFormat(keys, listing.names(), onCorrupt), paths)
                // Exactly the listed files: Flink's default filter would drop names starting with '_' unseen.
                .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(p -> true))
                .setSplitAssigner(OrderedSplitAssigner::new)
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "archive-files").setParallelism(1);
    }

    private static org.apache.flink.core.fs.Path flinkPath(Path p) {
        return new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri());
    }
}
