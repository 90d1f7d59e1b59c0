package dev.episodes.flink.runs;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.source.ArchiveSource;
import dev.episodes.flink.topology.EpisodeTopology;
import dev.episodes.window.BuildWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Replays archived exports into a dataset as a bounded job; the job publishes what it staged
 * when every writer has finished (see {@link BoundedBuild}). With a window it builds only the episodes
 * that start in it (the nightly build from files).
 */
public final class ArchiveReplay implements BoundedBuild.Job {
    private final List<Path> files;
    private final Path out;
    private final PipelineConfig config;
    private final PseudonymKey key;
    private final BuildWindow window;
    private final UnaryOperator<DataStream<RawEvent>> tap;

    public ArchiveReplay(Path input, Path out, PipelineConfig config, PseudonymKey key) throws IOException {
        this(ArchiveSource.files(input), out, config, key, BuildWindow.ALL, UnaryOperator.identity());
    }

    private ArchiveReplay(List<Path> files, Path out, PipelineConfig config, PseudonymKey key, BuildWindow window,
            UnaryOperator<DataStream<RawEvent>> tap) {
        this.files = files;
        this.out = out.toAbsolutePath();
        this.config = config;
        this.key = key;
        this.window = window;
        this.tap = tap;
    }

    /** Builds only the episodes that start in the window (the nightly build from files). */
    public ArchiveReplay within(BuildWindow w) {
        return new ArchiveReplay(files, out, config, key, w, tap);
    }

    /** Lets tests see (and disturb) the activity events before they are keyed. */
    public ArchiveReplay withTap(UnaryOperator<DataStream<RawEvent>> t) {
        return new ArchiveReplay(files, out, config, key, window, t);
    }

    @Override
    public Path out() {
        return out;
    }

    /** Deterministic: the same input files, window and configuration give the same run id and file names. */
    @Override
    public String runId() throws IOException {
        StringBuilder seed = new StringBuilder();
        for (Path f : files) {
            seed.append(f.getFileName()).append(':').append(Files.size(f)).append('\n');
        }
        return BoundedBuild.runId(seed.toString(), window, config, key);
    }

    @Override
    public void build(StreamExecutionEnvironment env) throws IOException {
        String runId = runId();
        // STREAMING is faster on ordered archives, but a cluster that checkpoints every job would restore
        // a failed build from a checkpoint its writers cannot resume from: BATCH then (re-runs regions).
        BoundedBuild.prepare(env, out, env.getCheckpointConfig().isCheckpointingEnabled()
                ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
        EpisodeTopology.Outputs outputs = EpisodeTopology.fromJsonLines(ArchiveSource.lines(env, files), config,
                key.pseudonymizer(), window, tap);
        BoundedBuild.attach(outputs, out, runId, config, input(), key.pseudonymizer().keyId(), window);
    }

    private Map<String, Object> input() {
        Map<String, Object> input = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(f.getFileName().toString());
        }
        input.put("kind", "archive");
        input.put("files", names);
        input.putAll(window.describe());
        return input;
    }

    public RunSummary run(StreamExecutionEnvironment env, Progress progress) throws Exception {
        return BoundedBuild.execute(this, env, "episodes-replay", progress);
    }
}
