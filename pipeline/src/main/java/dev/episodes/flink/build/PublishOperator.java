package dev.episodes.flink.build;

import dev.episodes.storage.Store;
import dev.episodes.storage.StoreSettings;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.RebuildBase;
import dev.episodes.writing.StagedShard;
import java.time.Duration;
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
 * cluster and nobody waits for it): gathers the shards every writer uploaded and, once all have
 * finished, commits each partition as a rebuild of what it held when the build started
 * ({@link DatasetCommitter}), then {@code _SUCCESS}. One instance.
 */
public final class PublishOperator extends AbstractStreamOperator<Long>
        implements OneInputStreamOperator<String, Long>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final StoreSettings settings;
    private final String runId;
    private final LinkedHashMap<String, Object> input;
    private final String keyId;
    private final LinkedHashMap<String, Object> config;
    private final ArrayList<String> covered;
    private final RebuildBase base;
    private final Duration grace;
    private transient List<StagedShard> shards;
    private transient long rejectedFiles;

    /** @param covered partitions published even if empty (the days of a windowed build) */
    public PublishOperator(String root, StoreSettings settings, String runId, Map<String, Object> input, String keyId,
            Map<String, Object> config, List<String> covered, RebuildBase base, Duration grace) {
        this.root = root;
        this.settings = settings;
        this.runId = runId;
        this.input = new LinkedHashMap<>(input);
        this.keyId = keyId;
        this.config = new LinkedHashMap<>(config);
        this.covered = new ArrayList<>(covered);
        this.base = base;
        this.grace = grace;
    }

    @Override
    public void open() throws Exception {
        super.open();
        shards = new ArrayList<>();
    }

    @Override
    public void processElement(StreamRecord<String> element) {
        BuildReport r = BuildReport.parse(element.getValue());
        if (r.shard() != null) {
            shards.add(r.shard());
        }
        rejectedFiles += r.rejectedFiles();
    }

    @Override
    public void endInput() throws Exception {
        var summary = new DatasetCommitter(Store.of(root, settings), runId, grace)
                .commit(shards, base, input, keyId, config, covered, rejectedFiles);
        output.collect(new StreamRecord<>((long) summary.files()));
    }
}
