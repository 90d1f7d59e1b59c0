package dev.episodes.cli;

import dev.episodes.flink.runs.BoundedBuild;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.writing.DatasetLease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Rebuild a dataset from archived activity (--input) or from a time range of the Kafka topics "
                + "(--bootstrap with --from/--to), as a bounded job. Partitions it builds are replaced whole.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ReplayFlags flags;

    @Mixin
    StallFlags stall;

    @Override
    public Integer call() throws Exception {
        Duration stallTimeout = stall.timeout();
        RunSummary summary = replay(flags, stallTimeout);
        return summary.accountedFor() ? ExitCode.OK : ExitCode.ACCOUNTING;
    }

    /** Checks the paths, takes the root's lease, runs the replay and prints its summary. */
    static RunSummary replay(ReplayFlags flags, Duration stallTimeout) throws Exception {
        BuildSourceFlags source = flags.source;
        DatasetRoot root = source.out;
        if (source.fromArchives()) {
            Preflight.input(source.input, "--input");
        }
        Path local = root.localPath().orElse(null);
        if (local != null && Files.exists(local) && !Files.isDirectory(local)) {
            Preflight.outputFolder(local, "--out"); // refuses it, before the flags are resolved
        }
        Preflight.store(root, "--out", true); // S3, HDFS...: reachable and writable, before anything else
        int parallelism = flags.config(0).effectiveParallelism();
        BoundedBuild.Job job = flags.job(parallelism); // validates every flag; writes nothing
        if (source.fromArchives() && local != null) {
            Preflight.apart(source.input, local);
        }
        Preflight.output(root, "--out");
        try (DatasetLease lease = Preflight.leaseIfLocal(root, "replay", System.err)) {
            System.err.printf("Replaying %s into %s%n", flags.describe(), root);
            RunSummary summary = BoundedBuild.execute(job, EmbeddedFlink.environment(parallelism), "episodes-replay",
                    Terminal.progress(System.err, InputSize.of(source)), stallTimeout);
            Terminal.summary(System.out, summary, root);
            return summary;
        }
    }

    /** The demo's file replay. */
    static RunSummary replay(Path input, DatasetRoot out, PipelineFlags pipeline) throws Exception {
        ReplayFlags flags = new ReplayFlags();
        flags.source = new BuildSourceFlags();
        flags.source.input = input;
        flags.source.out = out;
        flags.source.pipeline = pipeline;
        flags.source.window = new WindowFlags();
        return replay(flags, Duration.ofMinutes(10));
    }
}
