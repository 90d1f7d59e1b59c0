package dev.episodes.flink.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Archived exports: {@code .jsonl} / {@code .jsonl.gz} files (gzip is detected by extension), a file or
 * a folder of them. One reader, files in path order: see {@link OrderedSplitAssigner}.
 */
public final class ArchiveSource {
    private ArchiveSource() {}

    /** The archive files under a path, sorted; fails with a clear message when there are none. */
    public static List<Path> files(Path input) throws IOException {
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("input does not exist: " + input);
        }
        if (Files.isRegularFile(input)) {
            if (!isArchive(input)) {
                throw new IllegalArgumentException("input is not a .jsonl or .jsonl.gz file: " + input);
            }
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(ArchiveSource::isArchive).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .jsonl or .jsonl.gz files under " + input);
            }
            return files;
        }
    }

    static boolean isArchive(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"));
    }

    public static DataStream<String> lines(StreamExecutionEnvironment env, List<Path> files) {
        org.apache.flink.core.fs.Path[] paths = files.stream()
                .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
                .toArray(org.apache.flink.core.fs.Path[]::new);
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(), paths)
                .setSplitAssigner(OrderedSplitAssigner::new)
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "archive-files").setParallelism(1);
    }
}
