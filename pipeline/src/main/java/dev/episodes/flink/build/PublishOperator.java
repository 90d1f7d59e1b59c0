package dev.episodes.flink.build;

import dev.episodes.writing.DatasetCommitter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The last step of a bounded build, inside the job (so it also runs when the job is submitted to a
 * cluster and nobody waits for it): once every writer has finished, publishes the staged partitions,
 * each replacing its predecessor whole, manifests last, then {@code _SUCCESS}. One instance.
 */
public final class PublishOperator extends AbstractStreamOperator<Long>
        implements OneInputStreamOperator<Long, Long>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final String runId;
    private final LinkedHashMap<String, Object> input;
    private final String keyId;
    private final LinkedHashMap<String, Object> config;
    private final ArrayList<String> covered;

    /** @param covered partitions published even if empty (the days of a windowed build) */
    public PublishOperator(String root, String runId, Map<String, Object> input, String keyId,
            Map<String, Object> config, List<String> covered) {
        this.root = root;
        this.runId = runId;
        this.input = new LinkedHashMap<>(input);
        this.keyId = keyId;
        this.config = new LinkedHashMap<>(config);
        this.covered = new ArrayList<>(covered);
    }

    @Override
    public void processElement(StreamRecord<Long> element) {
        // Writers report as they finish; publishing waits for the end of all input.
    }

    @Override
    public void endInput() throws Exception {
        var summary = new DatasetCommitter(Path.of(root), runId).commit(input, keyId, config, covered);
        output.collect(new StreamRecord<>((long) summary.files()));
    }
}
