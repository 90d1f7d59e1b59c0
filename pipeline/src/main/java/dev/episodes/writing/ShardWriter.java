package dev.episodes.writing;

import dev.episodes.redaction.Redaction;
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

    /**
     * Writes the shard, and one audit line per redaction (episode, step, field, kind, rule: never the
     * value) to {@code auditDir}, which lies outside the training data.
     */
    public static ShardStats write(Path partitionDir, Path auditDir, String fileName, List<Episode> episodes)
            throws IOException {
        List<Episode> sorted = new ArrayList<>(episodes);
        sorted.sort(Comparator.comparing(Episode::episodeId));
        String stepsFile = DatasetLayout.STEPS + "/" + fileName;
        String episodesFile = DatasetLayout.EPISODES + "/" + fileName;
        Files.createDirectories(partitionDir.resolve(DatasetLayout.STEPS));
        Files.createDirectories(partitionDir.resolve(DatasetLayout.EPISODES));
        Map<String, Long> byAction = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        long rows = 0;
        StringBuilder audit = new StringBuilder();
        try (ParquetWriter<dev.episodes.schema.output.Step> w =
                ParquetFiles.open(partitionDir.resolve(stepsFile), dev.episodes.schema.output.Step.getClassSchema())) {
            for (Episode e : sorted) {
                int i = 0;
                for (Step s : e.steps()) {
                    w.write(RowMapper.stepRow(e, i++, s));
                    byAction.merge(s.action().wire(), 1L, Long::sum);
                    for (Redaction r : s.redactions()) {
                        byKind.merge(r.kind(), 1L, Long::sum);
                        audit.append(AuditLines.toJson(e.episodeId(), i - 1, r)).append('\n');
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
        if (audit.length() > 0) {
            Files.createDirectories(auditDir);
            Files.writeString(auditDir.resolve("redactions-" + fileName.replace(".parquet", ".jsonl")), audit);
        }
        return new ShardStats(stepsFile, episodesFile, rows, sorted.size(), byAction, byKind,
                sorted.stream().map(Episode::user).toList());
    }
}
