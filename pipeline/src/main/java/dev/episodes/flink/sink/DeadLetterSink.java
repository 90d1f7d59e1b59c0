package dev.episodes.flink.sink;

import dev.episodes.decode.DeadLetter;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.DeadLetterLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Bounded-run sink for dead letters: JSON Lines in the run's staging folder, published with the data. */
public final class DeadLetterSink implements Sink<DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final String runId;

    public DeadLetterSink(String root, String runId) {
        this.root = root;
        this.runId = runId;
    }

    @Override
    public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
        Path file = DatasetLayout.staging(Path.of(root), runId).resolve(DatasetLayout.REJECTED)
                .resolve("rejected-" + runId + "-" + context.getTaskInfo().getIndexOfThisSubtask() + ".jsonl");
        return new SinkWriter<>() {
            private BufferedWriter writer;

            @Override
            public void write(DeadLetter element, Context context) throws IOException {
                if (writer == null) {
                    Files.createDirectories(file.getParent());
                    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                }
                writer.write(DeadLetterLines.toJson(element));
                writer.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                if (writer != null) {
                    writer.flush();
                }
            }

            @Override
            public void close() throws IOException {
                if (writer != null) {
                    writer.close();
                }
            }
        };
    }
}
