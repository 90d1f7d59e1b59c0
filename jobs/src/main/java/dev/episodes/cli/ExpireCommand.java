package dev.episodes.cli;

import dev.episodes.storage.Store;
import dev.episodes.writing.Retention;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "expire", mixinStandardHelpOptions = true,
        description = "Retention: empty whole partitions older than a cut-off (a commit), delete their files after the grace, "
                + "and record each under _audit/expirations/.")
final class ExpireCommand implements Callable<Integer> {
    @Option(names = "--root", required = true, description = "Dataset root: a folder, or a URI (s3://bucket/prefix, "
            + "hdfs://namenode/path).")
    String root;

    @Option(names = "--retired-grace", converter = DurationConverter.class, defaultValue = "0s",
            description = "How long an expired partition's files stay for readers of an older manifest; a later run "
                    + "deletes them (default: ${DEFAULT-VALUE}, at once).")
    Duration retiredGrace;

    @Option(names = "--older-than", required = true, converter = DurationConverter.class,
            description = "Remove partitions whose date is older than this many days before today (UTC), e.g. 90d.")
    Duration olderThan;

    @Override
    public Integer call() throws Exception {
        if (olderThan.toDays() < 1) {
            throw new IllegalArgumentException("--older-than must be at least 1d, got " + olderThan);
        }
        boolean local = !Store.hasScheme(root);
        if (local) {
            Preflight.dataset(Path.of(root), "--root");
        }
        Store store = local ? Store.local(Path.of(root)) : Store.of(root);
        LocalDate keepFrom = LocalDate.now(ZoneOffset.UTC).minusDays(olderThan.toDays());
        java.util.List<String> removed;
        // No lease, as for erase: retention commits through the protocol beside any other writer.
        removed = Retention.expire(store, keepFrom, retiredGrace);
        System.out.printf("Removed %d partitions older than %s: %s%n", removed.size(), keepFrom, removed);
        return ExitCode.OK;
    }
}
