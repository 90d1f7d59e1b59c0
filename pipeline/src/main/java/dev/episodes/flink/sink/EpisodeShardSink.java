package dev.episodes.flink.sink;

import dev.episodes.session.Episode;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Bounded-run sink: writes episodes as Parquet shards into the run's staging folder. The run's driver
 * publishes them with {@code DatasetCommitter} once the job has finished, so a failed run publishes nothing.
 */
public final class EpisodeShardSink implements Sink<Episode> {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final String runId;
    private final long maxBufferedSteps;

    public EpisodeShardSink(String root, String runId, long maxBufferedSteps) {
        this.root = root;
        this.runId = runId;
        this.maxBufferedSteps = maxBufferedSteps;
    }

    @Override
    public SinkWriter<Episode> createWriter(WriterInitContext context) throws IOException {
        return new EpisodeShardWriter(java.nio.file.Path.of(root), runId,
                context.getTaskInfo().getIndexOfThisSubtask(), context.getTaskInfo().getNumberOfParallelSubtasks(),
                maxBufferedSteps);
    }
}
