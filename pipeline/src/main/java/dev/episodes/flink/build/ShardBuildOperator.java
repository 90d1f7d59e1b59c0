package dev.episodes.flink.build;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreSettings;
import dev.episodes.writing.RebuildBase;
import dev.episodes.writing.StagedPartitions;
import dev.episodes.writing.StagedShard;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Bounded builds: sorts this subtask's episodes (spilling to local temp files) and, when its input ends,
 * writes them as size-rolled shards uploaded to their final names in their partitions, then reports
 * each shard (names, sizes, counts, SHA-256) to the publisher. Nothing is visible to readers until the
 * publisher commits a manifest naming them.
 */
public final class ShardBuildOperator extends AbstractStreamOperator<String>
        implements OneInputStreamOperator<Episode, String>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final StoreSettings settings;
    private final String runId;
    private final OutputLayout layout;
    private final RebuildBase base;
    private transient StagedPartitions partitions;

    public ShardBuildOperator(String root, StoreSettings settings, String runId, OutputLayout layout, RebuildBase base) {
        this.root = root;
        this.settings = settings;
        this.runId = runId;
        this.layout = layout;
        this.base = base;
    }

    /** A build into a local root that held nothing when it started. */
    public ShardBuildOperator(String root, String runId, OutputLayout layout) {
        this(root, StoreSettings.none(), runId, layout, RebuildBase.empty());
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
        partitions = new StagedPartitions(Store.of(root, settings), base, runId, task.getIndexOfThisSubtask(),
                task.getNumberOfParallelSubtasks(), layout);
    }

    @Override
    public void processElement(StreamRecord<Episode> element) throws Exception {
        partitions.add(element.getValue());
    }

    @Override
    public void endInput() throws Exception {
        for (StagedShard s : partitions.finish()) {
            output.collect(new StreamRecord<>(BuildReport.shard(s)));
        }
    }

    @Override
    public void close() throws Exception {
        if (partitions != null) {
            partitions.close();
        }
        super.close();
    }
}
