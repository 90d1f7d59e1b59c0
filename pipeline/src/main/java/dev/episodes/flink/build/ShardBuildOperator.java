package dev.episodes.flink.build;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.writing.StagedPartitions;
import java.nio.file.Path;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Bounded builds: stages this subtask's episodes as sorted, size-rolled shards when its input ends, then
 * tells the publisher how many it wrote. Nothing is visible in the dataset until the publisher runs.
 */
public final class ShardBuildOperator extends AbstractStreamOperator<Long>
        implements OneInputStreamOperator<Episode, Long>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final String runId;
    private final OutputLayout layout;
    private transient StagedPartitions partitions;

    public ShardBuildOperator(String root, String runId, OutputLayout layout) {
        this.root = root;
        this.runId = runId;
        this.layout = layout;
    }

    @Override
    public void open() throws Exception {
        super.open();
        var task = getRuntimeContext().getTaskInfo();
        partitions = new StagedPartitions(Path.of(root), runId, task.getIndexOfThisSubtask(),
                task.getNumberOfParallelSubtasks(), layout);
    }

    @Override
    public void processElement(StreamRecord<Episode> element) throws Exception {
        partitions.add(element.getValue());
    }

    @Override
    public void endInput() throws Exception {
        output.collect(new StreamRecord<>((long) partitions.finish().size()));
    }

    @Override
    public void close() throws Exception {
        if (partitions != null) {
            partitions.close();
        }
        super.close();
    }
}
