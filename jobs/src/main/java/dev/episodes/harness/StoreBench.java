package dev.episodes.harness;

import dev.episodes.storage.Store;
import dev.episodes.storage.StoreSettings;
import dev.episodes.storage.embedded.LocalS3;
import dev.episodes.writing.Compaction;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.PartitionLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storage side of {@code ./episodes bench}: an embedded S3 server for the runs into S3, the latency
 * of one commit (what each checkpoint pays per partition it touches), and the files per day before and
 * after compaction.
 */
final class StoreBench {
    private StoreBench() {}

    /** Starts the embedded S3 server with a bucket and makes Flink's file systems reach it. */
    static LocalS3 startS3(Path dir) throws Exception {
        LocalS3 s3 = LocalS3.start(dir, LocalS3.findJar());
        s3.createBucket("bench");
        s3.settings().apply();
        return s3;
    }

    /** p50 and p95 milliseconds of {@code commits} appends of one file entry to a fresh partition. */
    static double[] commitLatencyMs(Store store, int commits) throws IOException {
        String partition = "dt=2000-01-01";
        store.deleteTree(partition);
        PartitionLog log = new PartitionLog(store, partition, Duration.ofHours(1));
        double[] ms = new double[commits];
        for (int i = 0; i < commits; i++) {
            String name = "steps/part-bench-" + i + ".parquet";
            long t0 = System.nanoTime();
            log.commit(cur -> {
                List<Manifest.FileEntry> files = new ArrayList<>(cur.manifest() == null ? List.of() : cur.manifest().files());
                files.add(new Manifest.FileEntry(name, DatasetLayout.STEPS, 1, 1, 1, "0", List.of()));
                return Optional.of(Manifest.of(partition, "bench", Map.of(), "bench", files, Map.of(), Map.of(), null,
                        null, List.of()));
            });
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        store.deleteTree(partition);
        Arrays.sort(ms);
        return new double[] {ms[commits / 2], ms[(int) Math.min(commits - 1, Math.ceil(commits * 0.95) - 1)]};
    }

    /** Data files and bytes per day before and after compacting every partition: {files before, after, days}. */
    static long[] compactAll(Store store, Compaction.Settings settings) throws IOException {
        long before = 0;
        long after = 0;
        long days = 0;
        for (var e : store.list("")) {
            if (!e.directory() || !e.name().startsWith("dt=")) {
                continue;
            }
            Compaction.Result r = Compaction.compact(store, e.name(), settings);
            before += r.filesBefore();
            after += r.filesAfter();
            days++;
        }
        return new long[] {before, after, days};
    }

    static void reset() throws IOException {
        StoreSettings.none().apply();
    }
}
