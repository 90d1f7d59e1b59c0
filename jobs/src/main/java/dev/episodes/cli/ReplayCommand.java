package dev.episodes.cli;

import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.RunSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay archived activity (.jsonl / .jsonl.gz, a file or a folder) into an episode dataset.")
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "A .jsonl or .jsonl.gz file, or a folder of them.")
    Path input;

    @Option(names = "--out", required = true, description = "Dataset root to write (partitions it builds are replaced whole).")
    Path out;

    @Mixin
    PipelineFlags flags;

    @Override
    public Integer call() throws Exception {
        RunSummary summary = replay(input, out, flags);
        return summary.accountedFor() ? 0 : 3;
    }

    static RunSummary replay(Path input, Path out, PipelineFlags flags) throws Exception {
        PipelineConfig config = flags.config();
        ArchiveReplay replay = new ArchiveReplay(input, out, config, flags.key());
        System.err.printf("Replaying %s into %s%n", input, out.toAbsolutePath());
        RunSummary summary = replay.run(EmbeddedFlink.environment(config.effectiveParallelism()),
                Terminal.progress(System.err));
        Terminal.summary(System.out, summary, out);
        return summary;
    }
}
