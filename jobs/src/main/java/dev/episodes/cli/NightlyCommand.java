package dev.episodes.cli;

import dev.episodes.flink.runs.NightlyBuild;
import dev.episodes.writing.DatasetLease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"Build the canonical partition dt=D of every episode that started on the UTC day D: sorted, "
                + "size-rolled zstd shards with a split column, statistics in the manifest, swapped in atomically. "
                + "A range backfills one day at a time and resumes where it stopped.",
                "A day the input holds no event of is not built (exit 1: nothing to do) unless --allow-empty; a "
                        + "range skips such days and exits 1 only when none had input."})
final class NightlyCommand implements Callable<Integer> {
    @Mixin
    NightlyFlags flags;

    @Mixin
    StallFlags stall;

    @Option(names = "--allow-empty", description = "Also build days without any input: each gets an empty, complete "
            + "partition (replacing what was there, e.g. to clear a day whose input was withdrawn).")
    boolean allowEmpty;

    @Override
    public Integer call() throws Exception {
        var timeout = stall.timeout();
        BuildSourceFlags source = flags.source;
        if (source.fromArchives()) {
            Preflight.input(source.input, "--input");
        }
        DatasetRoot root = source.out;
        Path local = root.localPath().orElse(null);
        if (local != null && Files.exists(local) && !Files.isDirectory(local)) {
            Preflight.outputFolder(local, "--out"); // refuses it, before the flags are resolved
        }
        Preflight.store(root, "--out", true); // S3, HDFS...: reachable and writable, before anything else
        int parallelism = flags.config(0).effectiveParallelism();
        NightlyFlags.Days days = flags.days(parallelism); // validates every flag; writes nothing
        if (source.fromArchives() && local != null) {
            Preflight.apart(source.input, local);
        }
        Preflight.output(root, "--out");
        List<NightlyBuild.DayResult> results;
        try (DatasetLease lease = Preflight.leaseIfLocal(root, "nightly", System.err)) {
            results = new NightlyBuild(dev.episodes.storage.Store.of(root.uri()), days, () -> EmbeddedFlink.environment(parallelism))
                    .run(flags.first(), flags.last(), new NightlyBuild.Options(flags.restart(), allowEmpty, timeout,
                            dev.episodes.writing.Compaction.Settings.of(flags.config(parallelism).layout(),
                                    source.pipeline.retiredGrace)),
                            Terminal.progress(System.err, InputSize.of(source)), System.err::println);
        }
        boolean ok = true;
        long built = 0;
        long empty = 0;
        for (NightlyBuild.DayResult r : results) {
            if (r.noInput()) {
                empty++;
            } else if (!r.skipped()) {
                built++;
                Terminal.summary(System.out, r.summary(), root);
                ok &= r.summary().accountedFor();
            }
        }
        if (!ok) {
            return ExitCode.ACCOUNTING;
        }
        if (empty > 0) {
            String what = results.size() == 1 ? "no input for dt=" + results.get(0).date()
                    : String.format("%,d of %,d days had no input and were not built", empty, results.size());
            System.err.printf("warning: %s: %s in %s (%s; --allow-empty publishes empty, complete partitions)%n", what,
                    days.describeInput(), flags.source.describe(), results.size() == 1
                            ? "nothing was published; give a --date the input holds" : built + " days built");
            return built == 0 && results.stream().noneMatch(r -> r.skipped() && !r.noInput()) ? ExitCode.NOTHING
                    : ExitCode.OK;
        }
        return ExitCode.OK;
    }
}
