package dev.episodes.writing;

import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes one shard of a partition: a steps file and its episodes file, rows sorted by (episode_id,
 * step_index), each episode whole in one file.
 */
public final class ShardWriter {
    private ShardWriter() {}

    public static ShardStats write(Path partitionDir, String fileName, List<Episode> episodes) throws IOException {
        List<Episode> sorted = new ArrayList<>(episodes);
        sorted.sort(Comparator.comparing(Episode::episodeId));
        String stepsFile = DatasetLayout.STEPS + "/" + fileName;
        String episodesFile = DatasetLayout.EPISODES + "/" + fileName;
        Files.createDirectories(partitionDir.resolve(DatasetLayout.STEPS));
        Files.createDirectories(partitionDir.resolve(DatasetLayout.EPISODES));
        Map<String, Long> byAction = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        long rows = 0;
        try (ParquetWriter<dev.episodes.schema.output.Step> w =
                ParquetFiles.open(partitionDir.resolve(stepsFile), dev.episodes.schema.output.Step.getClassSchema())) {
            for (Episode e : sorted) {
                int i = 0;
                for (Step s : e.steps()) {
                    w.write(RowMapper.stepRow(e, i++, s));
                    byAction.merge(s.action().wire(), 1L, Long::sum);
                    for (String kind : s.redactions()) {
                        byKind.merge(kind, 1L, Long::sum);
                    }
                }
                rows += i;
            }
        }
        try (ParquetWriter<dev.episodes.schema.output.Episode> w = ParquetFiles.open(
                partitionDir.resolve(episodesFile), dev.episodes.schema.output.Episode.getClassSchema())) {
            for (Episode e : sorted) {
                w.write(RowMapper.episodeRow(e, stepsFile));
            }
        }
        return new ShardStats(stepsFile, episodesFile, rows, sorted.size(), byAction, byKind);
    }
}
