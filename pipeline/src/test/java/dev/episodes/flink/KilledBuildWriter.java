package dev.episodes.flink;

import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.testing.SampleEpisodes;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.RebuildBase;
import dev.episodes.writing.StagedPartitions;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A separate process that does what a bounded build's writer does up to the moment it is killed
 * (BoundedRerunITCase): uploads whole shards of run {@code args[1]} to their final names, then starts
 * one more file and is killed with it half written. Nothing of it is ever committed.
 */
public final class KilledBuildWriter {
    private KilledBuildWriter() {}

    public static void main(String[] args) throws Exception {
        Store store = Store.local(Path.of(args[0]));
        String runId = args[1];
        List<Episode> episodes = SampleEpisodes.of(settings());
        // writer 7 of 8: names the rerun (parallelism 2) never makes
        try (StagedPartitions w = new StagedPartitions(store, RebuildBase.read(store), runId, 7, 8, OutputLayout.DEFAULT)) {
            for (Episode e : episodes) {
                w.add(e);
            }
            w.finish();
        }
        String partition = DatasetLayout.partition(DatasetLayout.dateOf(episodes.get(0).startTsUs()));
        OutputStream half = store.create(partition + "/steps/" + DatasetLayout.fileName(runId, 23));
        half.write(new byte[] {'P', 'A', 'R', '1', 0, 0, 0});
        half.flush();
        System.out.println("written");
        System.out.flush();
        while (true) {
            LockSupport.park();
        }
    }

    static GeneratorSettings settings() {
        return GeneratorSettings.of(3, Duration.ofMinutes(20), 8);
    }
}
