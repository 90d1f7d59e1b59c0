package dev.episodes.flink.build;

import dev.episodes.storage.Store;
import dev.episodes.storage.StoreSettings;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.PrivateFiles;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Bounded builds: dead letters (already in their written, redacted form) as JSON Lines in an owner-only
 * LOCAL temp file, uploaded sorted at the end of input to {@code _private/rejected/rejected-<run>-<n>.jsonl}.
 */
public final class DeadLetterFileOperator extends AbstractStreamOperator<String>
        implements OneInputStreamOperator<String, String>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final StoreSettings settings;
    private final String runId;
    private transient Path temp;
    private transient Path file;
    private transient BufferedWriter writer;

    public DeadLetterFileOperator(String root, StoreSettings settings, String runId) {
        this.root = root;
        this.settings = settings;
        this.runId = runId;
    }

    private String name() {
        return "rejected-" + runId + "-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + ".jsonl";
    }

    @Override
    public void processElement(StreamRecord<String> element) throws Exception {
        if (writer == null) {
            temp = Files.createTempDirectory("episodes-rejected-"); // owner-only (0700) on POSIX
            file = temp.resolve(name());
            writer = PrivateFiles.newWriter(file);
        }
        writer.write(element.getValue());
        writer.write('\n');
    }

    @Override
    public void endInput() throws Exception {
        long files = 0;
        if (writer != null) {
            writer.close();
            writer = null;
            DatasetCommitter.publishRejected(Store.of(root, settings), file, name());
            files = 1;
        }
        output.collect(new StreamRecord<>(BuildReport.rejected(files)));
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
        if (temp != null) {
            DatasetCommitter.deleteRecursively(temp);
        }
        super.close();
    }
}
