package dev.episodes.writing;

import dev.episodes.config.OutputLayout;
import dev.episodes.redaction.Redaction;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes shards of a partition: each a steps file and its episodes file, rows sorted by (episode_id,
 * step_index), each episode whole in one file. Also one audit line per redaction (episode, step, field,
 * kind, rule: never the value) under an audit folder that lies outside the training data.
 */
public final class ShardWriter {
    private final OutputLayout layout;

    public ShardWriter(OutputLayout layout) {
        this.layout = layout;
    }

    /** One shard holding all these episodes, whatever its size (a checkpoint's worth, a test's). */
    public ShardStats write(Path partitionDir, Path auditDir, String fileName, List<Episode> episodes)
            throws IOException {
        List<Episode> sorted = new ArrayList<>(episodes);
        sorted.sort(Comparator.comparing(Episode::episodeId));
        try (Shard shard = new Shard(partitionDir, auditDir, fileName)) {
            for (Episode e : sorted) {
                shard.append(e);
            }
            return shard.finish();
        }
    }

    /**
     * Episodes already in id order, rolled over into a new shard once a steps file reaches the target
     * size; {@code names} gives each new shard its file name.
     */
    public List<ShardStats> writeRolling(Path partitionDir, Path auditDir, Supplier<String> names,
            Iterator<Episode> sorted) throws IOException {
        List<ShardStats> written = new ArrayList<>();
        Shard shard = null;
        try {
            while (sorted.hasNext()) {
                if (shard == null) {
                    shard = new Shard(partitionDir, auditDir, names.get());
                }
                shard.append(sorted.next());
                if (shard.stepsBytes() >= layout.targetFileBytes()) {
                    written.add(shard.finish());
                    shard.close();
                    shard = null;
                }
            }
            if (shard != null) {
                written.add(shard.finish());
            }
        } finally {
            if (shard != null) {
                shard.close();
            }
        }
        return written;
    }

    /** One shard being written: both files open, counts and audit lines gathered. */
    private final class Shard implements AutoCloseable {
        private final String stepsFile;
        private final String episodesFile;
        private final String fileName;
        private final Path auditDir;
        private final ParquetWriter<dev.episodes.schema.output.Step> steps;
        private final ParquetWriter<dev.episodes.schema.output.Episode> episodes;
        private final Map<String, Long> byAction = new TreeMap<>();
        private final Map<String, Long> byKind = new TreeMap<>();
        private final TreeSet<String> users = new TreeSet<>();
        private final StringBuilder audit = new StringBuilder();
        private long rows;
        private long episodeCount;
        private boolean closed;

        Shard(Path partitionDir, Path auditDir, String fileName) throws IOException {
            this.fileName = fileName;
            this.auditDir = auditDir;
            this.stepsFile = DatasetLayout.STEPS + "/" + fileName;
            this.episodesFile = DatasetLayout.EPISODES + "/" + fileName;
            Files.createDirectories(partitionDir.resolve(DatasetLayout.STEPS));
            Files.createDirectories(partitionDir.resolve(DatasetLayout.EPISODES));
            this.steps = ParquetFiles.open(partitionDir.resolve(stepsFile),
                    dev.episodes.schema.output.Step.getClassSchema(), layout.rowGroupBytes());
            this.episodes = ParquetFiles.open(partitionDir.resolve(episodesFile),
                    dev.episodes.schema.output.Episode.getClassSchema(), layout.rowGroupBytes());
        }

        void append(Episode e) throws IOException {
            String split = layout.splits().of(e.user());
            int i = 0;
            for (Step s : e.steps()) {
                steps.write(RowMapper.stepRow(e, i++, s, split));
                byAction.merge(s.action().wire(), 1L, Long::sum);
                for (Redaction r : s.redactions()) {
                    byKind.merge(r.kind(), 1L, Long::sum);
                    audit.append(AuditLines.toJson(e.episodeId(), i - 1, r)).append('\n');
                }
            }
            rows += i;
            episodes.write(RowMapper.episodeRow(e, stepsFile, split));
            episodeCount++;
            users.add(e.user());
        }

        long stepsBytes() {
            return steps.getDataSize();
        }

        ShardStats finish() throws IOException {
            close();
            if (audit.length() > 0) {
                Files.createDirectories(auditDir);
                Files.writeString(auditDir.resolve("redactions-" + fileName.replace(".parquet", ".jsonl")), audit);
            }
            return new ShardStats(stepsFile, episodesFile, rows, episodeCount, byAction, byKind, List.copyOf(users));
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                try {
                    steps.close();
                } finally {
                    episodes.close();
                }
            }
        }
    }
}
