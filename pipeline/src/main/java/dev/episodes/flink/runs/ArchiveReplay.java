package dev.episodes.flink.runs;

import dev.episodes.archive.ArchiveListing;
import dev.episodes.archive.CorruptArchives;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.source.ArchiveSource;
import dev.episodes.flink.topology.EpisodeTopology;
import dev.episodes.storage.StoreSettings;
import dev.episodes.window.BuildWindow;
import dev.episodes.writing.DatasetLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private final ArchiveListing files;
    private final CorruptArchives onCorrupt;
    private final String out;
    private final Duration grace;
    private final PipelineConfig config;
    private final PseudonymKey key;
    private final BuildWindow window;
    private final UnaryOperator<DataStream<RawEvent>> tap;

    /** Lists the input's files (see {@link ArchiveListing}) and says on stderr what a folder input skipped. */
    public ArchiveReplay(Path input, Path out, PipelineConfig config, PseudonymKey key) throws IOException {
        this(input, out.toAbsolutePath().toString(), config, key);
    }

    /** As {@link #ArchiveReplay(Path, Path, PipelineConfig, PseudonymKey)} into a root URI ({@code s3://…}, a path). */
    public ArchiveReplay(Path input, String out, PipelineConfig config, PseudonymKey key) throws IOException {
        this(ArchiveListing.of(input), CorruptArchives.FAIL, out, config, key, BuildWindow.ALL,
                UnaryOperator.identity(), DatasetLayout.RETIRED_GRACE);
        if (!files.report().isEmpty()) {
            System.err.println(files.report());
        }
    }

    private ArchiveReplay(ArchiveListing files, CorruptArchives onCorrupt, String out, PipelineConfig config,
            PseudonymKey key, BuildWindow window, UnaryOperator<DataStream<RawEvent>> tap, Duration grace) {
        this.files = files;
        this.onCorrupt = onCorrupt;
        this.out = out;
        this.grace = grace;
        this.config = config;
        this.key = key;
        this.window = window;
        this.tap = tap;
    }

    /** Builds only the episodes that start in the window (the nightly build from files). */
    public ArchiveReplay within(BuildWindow w) {
        return new ArchiveReplay(files, onCorrupt, out, config, key, w, tap, grace);
    }

    /** Lets tests see (and disturb) the activity events before they are keyed. */
    public ArchiveReplay withTap(UnaryOperator<DataStream<RawEvent>> t) {
        return new ArchiveReplay(files, onCorrupt, out, config, key, window, t, grace);
    }

    /**
     * What a file that cannot be read to its end does: fail the run (default; an unreadable file fails
     * before it starts), or become a {@code corrupt_archive} dead letter after the lines read before it.
     */
    public ArchiveReplay onCorruptArchive(CorruptArchives c) {
        return new ArchiveReplay(files, c, out, config, key, window, tap, grace);
    }

    /** How long files a rebuild replaced stay for readers of older manifests ({@code --retired-grace}). */
    public ArchiveReplay withRetiredGrace(Duration g) {
        return new ArchiveReplay(files, onCorrupt, out, config, key, window, tap, g);
    }

    /** The files this replay reads and what it skipped. */
    public ArchiveListing listing() {
        return files;
    }

    @Override
    public String out() {
        return out;
    }

    /** Deterministic: the same input files, window and configuration give the same run id and file names. */
    @Override
    public String runId() throws IOException {
        StringBuilder seed = new StringBuilder();
        for (int i = 0; i < files.files().size(); i++) {
            seed.append(files.names().get(i)).append(':').append(Files.size(files.files().get(i))).append('\n');
        }
        return BoundedBuild.runId(seed.toString(), window, config, key);
    }

    @Override
    public void build(StreamExecutionEnvironment env) throws IOException {
        if (onCorrupt == CorruptArchives.FAIL && !files.unreadable().isEmpty()) {
            throw new IllegalArgumentException("cannot read input file " + files.unreadable().get(0)
                    + (files.unreadable().size() > 1 ? " (and " + (files.unreadable().size() - 1) + " more)" : "")
                    + " under " + files.root() + ": fix its permissions, or rerun with --on-corrupt-archive skip");
        }
        String runId = runId();
        // STREAMING is faster on ordered archives, but a cluster that checkpoints every job would restore
        // a failed build from a checkpoint its writers cannot resume from: BATCH then (re-runs regions).
        BoundedBuild.prepare(env, env.getCheckpointConfig().isCheckpointingEnabled()
                ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
        EpisodeTopology.Outputs outputs = EpisodeTopology.fromArchiveLines(
                ArchiveSource.lines(env, files, onCorrupt, config.effectiveParallelism()),
                names(), config, key.pseudonymizer(), window, tap);
        BoundedBuild.attach(outputs, out, StoreSettings.current(), grace, runId, config, input(),
                key.pseudonymizer().keyId(), window);
    }

    /** The input files' names as manifests and dead letters show them: no id of the configured pattern. */
    private List<String> names() {
        dev.episodes.redaction.RawIds ids = dev.episodes.redaction.RawIds.others(config.redaction().idPattern());
        return files.names().stream().map(ids::scrub).toList();
    }

    private Map<String, Object> input() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("kind", "archive");
        // Relative to the input folder, ids of the pattern as [ID]; a name still holding a raw id of its
        // events fails the run (ArchiveLineDecoder).
        input.put("files", names());
        if (onCorrupt != CorruptArchives.FAIL) {
            input.put("on_corrupt_archive", onCorrupt.wire());
        }
        input.putAll(window.describe());
        return input;
    }

    public RunSummary run(StreamExecutionEnvironment env, Progress progress) throws Exception {
        return BoundedBuild.execute(this, env, "episodes-replay", progress);
    }
}
