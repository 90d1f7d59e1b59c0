package dev.episodes.cli;

import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.KafkaStreaming;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything the streaming job is told: where it writes, the Kafka flags and the pipeline flags. One
 * definition for {@code ./episodes stream} (embedded cluster) and the cluster's {@code StreamJob}.
 */
public final class StreamFlags {
    @Option(names = "--out", required = true, paramLabel = "ROOT", converter = DatasetRoot.Converter.class,
            description = "Dataset root to write: a folder, or a URI (s3://bucket/prefix, hdfs://namenode/path, "
                    + "gs://...); on a cluster a URI, or a path every TaskManager and the JobManager share.")
    DatasetRoot out;

    @Mixin
    KafkaFlags kafka;

    @Mixin
    PipelineFlags pipeline;

    public DatasetRoot out() {
        return out;
    }

    public KafkaSettings kafka() {
        return kafka.settings();
    }

    /** The pipeline configuration; {@code --parallelism 0} becomes {@code defaultParallelism}. */
    public PipelineConfig config(int defaultParallelism) {
        PipelineConfig config = pipeline.config(out);
        return config.parallelism() == 0 ? config.withParallelism(defaultParallelism) : config;
    }

    /** The streaming job these flags describe; add it to an environment with {@link KafkaStreaming#build}. */
    public KafkaStreaming streaming(int defaultParallelism) throws IOException {
        return new KafkaStreaming(kafka(), out.uri(), config(defaultParallelism), pipeline.key())
                .withRetiredGrace(pipeline.retiredGrace);
    }

    PipelineFlags pipeline() {
        return pipeline;
    }
}
