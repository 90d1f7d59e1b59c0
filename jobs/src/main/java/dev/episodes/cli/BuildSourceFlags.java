package dev.episodes.cli;

import dev.episodes.archive.CorruptArchives;
import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.runs.ArchiveReplay;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every bounded build reads (archives or the topics) and writes, with the pipeline and window flags. */
public final class BuildSourceFlags {
    @Option(names = "--input", description = "A .jsonl or .jsonl.gz file, or a folder of them, instead of Kafka (on a "
            + "cluster: a path every TaskManager can read).")
    Path input;

    @Option(names = "--on-corrupt-archive", paramLabel = "fail|skip", defaultValue = "fail",
            description = "A --input file that cannot be read to its end (truncated or corrupt gzip, unreadable): fail "
                    + "(default: error naming the file and line, nothing published) or skip (keep the lines before "
                    + "the damage, count the rest as one corrupt_archive dead letter, go on).")
    String onCorruptArchive = "fail";

    @ArgGroup(exclusive = false, heading = "%nKafka input (instead of --input; the stream-only flags are ignored):%n")
    KafkaFlags kafka;

    @Option(names = "--out", required = true, paramLabel = "ROOT", converter = DatasetRoot.Converter.class,
            description = "Dataset root: a folder, or a URI (s3://bucket/prefix, hdfs://namenode/path, gs://..., "
                    + "file://...); partitions a build makes are replaced whole.")
    DatasetRoot out;

    @Mixin
    WindowFlags window;

    @Mixin
    PipelineFlags pipeline;

    /** The pipeline configuration; {@code --parallelism 0} becomes {@code defaultParallelism}. */
    PipelineConfig config(int defaultParallelism) {
        PipelineConfig config = pipeline.config(out);
        return config.parallelism() == 0 ? config.withParallelism(defaultParallelism) : config;
    }

    PseudonymKey key() throws IOException {
        return pipeline.key();
    }

    boolean fromArchives() {
        if ((input == null) == (kafka == null)) {
            throw new IllegalArgumentException("give either --input (archives) or --bootstrap (Kafka), not both");
        }
        return input != null;
    }

    /** An archive replay of {@code --input} with these flags' corrupt-archive policy. */
    ArchiveReplay archives(PipelineConfig config, PseudonymKey key) throws IOException {
        CorruptArchives onCorrupt = CorruptArchives.parse(onCorruptArchive);
        return new ArchiveReplay(input, out.uri(), config, key).onCorruptArchive(onCorrupt)
                .withRetiredGrace(pipeline.retiredGrace);
    }

    KafkaSettings kafka() {
        return kafka.settings();
    }

    String describe() {
        return input != null ? input.toString() : kafka.bootstrap;
    }
}
