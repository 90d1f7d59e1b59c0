package dev.episodes.flink.build;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.writing.StagedPartitions;
import java.nio.file.Path;
import org.apache.flink.runtime.state.StateInitializationContext;
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

    /**
     * Staged episodes live in memory and spill files, not in Flink state: a build cannot resume from a
     * checkpoint without losing what was buffered before it. Refuse, so the job fails, publishes
     * nothing, and is rerun whole (bounded builds run without checkpoints; see BoundedBuild).
     */
    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        if (context.isRestored()) {
            throw new IllegalStateException("a bounded build cannot resume from a checkpoint: rerun it (it "
                    + "published nothing, and rebuilding gives the same files)");
        }
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
