package dev.episodes.cli;

import dev.episodes.storage.Store;
import dev.episodes.writing.Compaction;
import dev.episodes.writing.DatasetLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Merge the small files a streaming job committed into target-size shards, for a range of days "
                + "(sorted, episodes whole, the same rows; safe while other jobs commit to the same days).",
                "Exit code 1 when no day had anything to merge."})
final class CompactCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ROOT", description = "Dataset root: a folder, or a URI (s3://bucket/prefix, "
            + "hdfs://namenode/path).")
    String root;

    @Option(names = "--from-date", required = true, description = "First day to compact.")
    LocalDate fromDate;

    @Option(names = "--to-date", required = true, description = "Last day to compact (inclusive).")
    LocalDate toDate;

    @Option(names = "--target-file-size", converter = SizeConverter.class, defaultValue = "256MB",
            description = "Size of a merged steps file; steps files below half of it are merged (default: "
                    + "${DEFAULT-VALUE}).")
    long targetFileSize;

    @Option(names = "--row-group-size", converter = SizeConverter.class, defaultValue = "128MB",
            description = "Parquet row groups, uncompressed; at most 128MB (default: ${DEFAULT-VALUE}).")
    long rowGroupSize;

    @Option(names = "--retired-grace", converter = DurationConverter.class, defaultValue = "24h",
            description = "How long the merged-away files stay for readers of an older manifest (default: "
                    + "${DEFAULT-VALUE}).")
    Duration retiredGrace;

    @Override
    public Integer call() throws Exception {
        if (toDate.isBefore(fromDate)) {
            throw new IllegalArgumentException("--to-date " + toDate + " is before --from-date " + fromDate);
        }
        if (targetFileSize < 1 || rowGroupSize < 1 || rowGroupSize > 128L * 1024 * 1024) {
            throw new IllegalArgumentException("--target-file-size must be positive and --row-group-size at most 128MB");
        }
        Store store;
        if (Store.hasScheme(root)) {
            store = Store.of(root);
        } else {
            Preflight.dataset(Path.of(root), "ROOT");
            store = Store.local(Path.of(root));
        }
        List<String> days = new ArrayList<>();
        for (LocalDate d = fromDate; !d.isAfter(toDate); d = d.plusDays(1)) {
            if (store.exists(DatasetLayout.partition(d))) {
                days.add(DatasetLayout.partition(d));
            }
        }
        int merged = 0;
        for (Compaction.Result r : Compaction.compact(store, days,
                new Compaction.Settings(targetFileSize, rowGroupSize, retiredGrace))) {
            if (r.committed()) {
                merged++;
                System.out.printf("%s: %d files merged into %d shards; %d -> %d data files%n", r.partition(),
                        r.sourcesMerged(), r.shardsWritten(), r.filesBefore(), r.filesAfter());
            } else {
                System.out.printf("%s: nothing to merge (%d data files)%n", r.partition(), r.filesBefore());
            }
        }
        if (merged == 0) {
            System.err.printf("warning: nothing to compact in %s from %s to %s (%d partitions there)%n", store.uri(),
                    fromDate, toDate, days.size());
            return ExitCode.NOTHING;
        }
        return ExitCode.OK;
    }
}
