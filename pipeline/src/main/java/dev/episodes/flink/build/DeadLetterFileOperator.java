package dev.episodes.flink.build;

import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.PrivateFiles;
import java.io.BufferedWriter;
import java.nio.file.Path;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Bounded builds: dead letters (already in their written, redacted form) as JSON Lines in the run's staging
 * folder, owner-only, published with the data into {@code _private/rejected/}.
 */
public final class DeadLetterFileOperator extends AbstractStreamOperator<Long>
        implements OneInputStreamOperator<String, Long>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final String runId;
    private transient BufferedWriter writer;
    private transient long count;

    public DeadLetterFileOperator(String root, String runId) {
        this.root = root;
        this.runId = runId;
    }

    @Override
    public void processElement(StreamRecord<String> element) throws Exception {
        if (writer == null) {
            Path staging = DatasetLayout.staging(Path.of(root), runId);
            Path file = staging.resolve(DatasetLayout.REJECTED).resolve(
                    "rejected-" + runId + "-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + ".jsonl");
            PrivateFiles.createDirectories(staging.resolve(DatasetLayout.PRIVATE), file.getParent());
            writer = PrivateFiles.newWriter(file);
        }
        writer.write(element.getValue());
        writer.write('\n');
        count++;
    }

    @Override
    public void endInput() throws Exception {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        output.collect(new StreamRecord<>(count));
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
        super.close();
    }
}
