package dev.episodes.cli;

import dev.episodes.flink.runs.BoundedBuild;
import dev.episodes.flink.runs.RunSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Rebuild a dataset from archived activity (--input) or from a time range of the Kafka topics "
                + "(--bootstrap with --from/--to), as a bounded job. Partitions it builds are replaced whole.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ReplayFlags flags;

    @Override
    public Integer call() throws Exception {
        int parallelism = flags.config(0).effectiveParallelism();
        BoundedBuild.Job job = flags.job(parallelism);
        System.err.printf("Replaying %s into %s%n", flags.describe(), flags.out().toAbsolutePath());
        RunSummary summary = BoundedBuild.execute(job, EmbeddedFlink.environment(parallelism), "episodes-replay",
                Terminal.progress(System.err));
        Terminal.summary(System.out, summary, flags.out());
        return summary.accountedFor() ? 0 : 3;
    }

    /** The demo's file replay. */
    static RunSummary replay(Path input, Path out, PipelineFlags pipeline) throws Exception {
        ReplayFlags flags = new ReplayFlags();
        flags.source = new BuildSourceFlags();
        flags.source.input = input;
        flags.source.out = out;
        flags.source.pipeline = pipeline;
        flags.source.window = new WindowFlags();
        int parallelism = flags.config(0).effectiveParallelism();
        System.err.printf("Replaying %s into %s%n", input, out.toAbsolutePath());
        RunSummary summary = BoundedBuild.execute(flags.job(parallelism), EmbeddedFlink.environment(parallelism),
                "episodes-replay", Terminal.progress(System.err));
        Terminal.summary(System.out, summary, out);
        return summary;
    }
}
