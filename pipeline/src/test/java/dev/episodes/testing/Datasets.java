package dev.episodes.testing;

import dev.episodes.config.OutputLayout;
import dev.episodes.session.Episode;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.storage.Store;
import dev.episodes.writing.RebuildBase;
import dev.episodes.writing.ShardFiles;
import dev.episodes.writing.StagedShard;
import dev.episodes.writing.ShardStats;
import dev.episodes.writing.ShardWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Small datasets written the way a bounded run writes them, without Flink: one shard per date written
 * locally with {@code ShardWriter} and uploaded to its final names, then committed by
 * {@code DatasetCommitter} (manifests, {@code _SUCCESS}, audit, {@code _meta/info.json}).
 */
public final class Datasets {
    public static final String RUN = "testrun";
    public static final String KEY_ID = "k-test";

    private Datasets() {}

    public static void write(Path root, List<Episode> episodes) throws IOException {
        Path staging = Files.createTempDirectory("datasets-");
        Store store = Store.local(root);
        List<StagedShard> shards = new ArrayList<>();
        Map<String, List<Episode>> byPartition = episodes.stream().collect(Collectors.groupingBy(
                e -> DatasetLayout.partition(DatasetLayout.dateOf(e.startTsUs())), TreeMap::new, Collectors.toList()));
        ShardWriter writer = new ShardWriter(OutputLayout.DEFAULT);
        for (Map.Entry<String, List<Episode>> p : byPartition.entrySet()) {
            String name = DatasetLayout.fileName(RUN, 0);
            ShardStats stats = writer.write(staging.resolve(p.getKey()),
                    staging.resolve(DatasetLayout.AUDIT).resolve(p.getKey()), name, p.getValue());
            shards.add(ShardFiles.upload(store, p.getKey(), staging.resolve(p.getKey()),
                    staging.resolve(DatasetLayout.AUDIT).resolve(p.getKey()), stats));
        }
        new DatasetCommitter(root, RUN).commit(shards, RebuildBase.read(store), Map.of("kind", "test"), KEY_ID,
                Map.of("session_gap", "PT5M"), List.of(), 0);
        DatasetCommitter.deleteRecursively(staging);
    }
}
