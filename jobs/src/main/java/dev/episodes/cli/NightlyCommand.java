package dev.episodes.cli;

import dev.episodes.flink.runs.NightlyBuild;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = "Build the canonical partition dt=D of every episode that started on the UTC day D: sorted, "
                + "size-rolled zstd shards with a split column, statistics in the manifest, swapped in atomically. "
                + "A range backfills one day at a time and resumes where it stopped.")
final class NightlyCommand implements Callable<Integer> {
    @Mixin
    NightlyFlags flags;

    @Override
    public Integer call() throws Exception {
        int parallelism = flags.config(0).effectiveParallelism();
        List<NightlyBuild.DayResult> results = new NightlyBuild(flags.out(), flags.days(parallelism),
                () -> EmbeddedFlink.environment(parallelism))
                .run(flags.first(), flags.last(), flags.restart(), Terminal.progress(System.err), System.err::println);
        boolean ok = true;
        for (NightlyBuild.DayResult r : results) {
            if (!r.skipped()) {
                Terminal.summary(System.out, r.summary(), flags.out());
                ok &= r.summary().accountedFor();
            }
        }
        return ok ? 0 : 3;
    }
}
