package dev.episodes.cli;

import dev.episodes.writing.Retention;
import dev.episodes.writing.DatasetLease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "expire", mixinStandardHelpOptions = true,
        description = "Retention: remove whole partitions older than a cut-off and record it in _audit/expirations.jsonl.")
final class ExpireCommand implements Callable<Integer> {
    @Option(names = "--root", required = true, description = "Dataset root.")
    Path root;

    @Option(names = "--older-than", required = true, converter = DurationConverter.class,
            description = "Remove partitions whose date is older than this many days before today (UTC), e.g. 90d.")
    Duration olderThan;

    @Override
    public Integer call() throws Exception {
        if (olderThan.toDays() < 1) {
            throw new IllegalArgumentException("--older-than must be at least 1d, got " + olderThan);
        }
        Preflight.dataset(root, "--root");
        LocalDate keepFrom = LocalDate.now(ZoneOffset.UTC).minusDays(olderThan.toDays());
        java.util.List<String> removed;
        try (DatasetLease lease = Preflight.lease(root, "expire", System.err)) {
            removed = Retention.expire(root, keepFrom);
        }
        System.out.printf("Removed %d partitions older than %s: %s%n", removed.size(), keepFrom, removed);
        return ExitCode.OK;
    }
}
