package dev.episodes.flink.build;

import dev.episodes.decode.DeadLetter;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.DeadLetterLines;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** Bounded builds: dead letters as JSON Lines in the run's staging folder, published with the data. */
public final class DeadLetterFileOperator extends AbstractStreamOperator<Long>
        implements OneInputStreamOperator<DeadLetter, Long>, BoundedOneInput {
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
    public void processElement(StreamRecord<DeadLetter> element) throws Exception {
        if (writer == null) {
            Path file = DatasetLayout.staging(Path.of(root), runId).resolve(DatasetLayout.REJECTED).resolve(
                    "rejected-" + runId + "-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + ".jsonl");
            Files.createDirectories(file.getParent());
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
        writer.write(DeadLetterLines.toJson(element.getValue()));
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
