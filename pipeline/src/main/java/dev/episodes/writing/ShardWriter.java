package dev.episodes.writing;

import dev.episodes.config.OutputLayout;
import dev.episodes.frames.StoredFrame;
import dev.episodes.pairing.UiContext;
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
 * step_index), each episode whole in one file, and when its episodes have frames a frames file of the
 * same name (one row per distinct frame of each episode, in episode then frame order). Also one audit line per redaction (episode, step, field,
 * kind, rule: never the value) under an audit folder that lies outside the training data.
 */
public final class ShardWriter {
    /** A step's bytes on disk before anything is measured (zstd, generated corpora: 14-19 B). */
    static final double GUESS_BYTES_PER_STEP = 16;
    /** At most this many steps are written to measure (about 1 MB on disk); larger files scale linearly. */
    static final long TRIAL_STEPS = 60_000;
    /** Episodes read ahead to measure hold at most about this many frame bytes (images are large). */
    static final long TRIAL_FRAME_BYTES = 64L << 20;
    /** Bytes a frames row takes beside its image: ids, sizes, levels (masks: {@link #MASK_BYTES} each). */
    static final long FRAME_ROW_BYTES = 96;
    static final long MASK_BYTES = 24;
    private static final long FOOTER_BYTES = 64 * 1024;

    private final OutputLayout layout;
    /** Bytes a step of a full steps file takes on disk, footer included; 0 until measured. */
    private double bytesPerStep;

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
     * Episodes already in id order, rolled over into a new shard once a steps file or a frames file
     * reaches the target size on disk (screenshots weigh far more than steps: a shard is full when either is); {@code names} gives each new shard its file name. Files hold whole episodes, so a
     * file is within a few percent of the target when an episode is small against it (every file but
     * the last this writer makes in the partition); a target below one episode gives one episode a file.
     */
    public List<ShardStats> writeRolling(Path partitionDir, Path auditDir, Supplier<String> names,
            Iterator<Episode> sorted) throws IOException {
        return writeRolling(partitionDir, auditDir, names, sorted, Staged.UNKNOWN);
    }

    /**
     * What a writer staged for one partition, counted as it came: when even stored plain it is less than a
     * file, it is one file, written once. Measuring (a trial write of up to {@link #TRIAL_STEPS} steps) would
     * find the same, after as much work again as writing them (a third of a replay's final write).
     */
    public record Staged(long plainBytes, long frameBytes) {
        public static final Staged UNKNOWN = new Staged(Long.MAX_VALUE, Long.MAX_VALUE);
        public static final Staged NONE = new Staged(0, 0);

        public Staged plus(Episode e) {
            return new Staged(plainBytes + plainStepBytes(e), frameBytes + ShardWriter.frameBytes(e));
        }

        boolean oneFile(OutputLayout layout) {
            return plainBytes < layout.targetFileBytes() - FOOTER_BYTES && frameBytes < TRIAL_FRAME_BYTES;
        }
    }

    /** As above, with what was staged: a partition that is one file is not measured (see {@link Staged}). */
    public List<ShardStats> writeRolling(Path partitionDir, Path auditDir, Supplier<String> names,
            Iterator<Episode> sorted, Staged staged) throws IOException {
        Iterator<Episode> episodes = sorted;
        double perStep = bytesPerStep;
        if (perStep == 0 && staged.oneFile(layout)) {
            perStep = GUESS_BYTES_PER_STEP; // as measureFirst answers for input below a file, without the trial
        } else if (perStep == 0 && sorted.hasNext()) {
            Measured m = measureFirst(sorted);
            episodes = m.episodes();
            perStep = m.bytesPerStep();
            if (m.fullFile()) {
                bytesPerStep = perStep; // a small last file is no measure of a full one: the next partition measures again
            }
        }
        List<ShardStats> written = new ArrayList<>();
        Shard shard = null;
        try {
            while (episodes.hasNext()) {
                if (shard == null) {
                    shard = new Shard(partitionDir, auditDir, names.get());
                }
                shard.append(episodes.next());
                if (shard.full(perStep)) {
                    written.add(shard.finish());
                    perStep = (double) Files.size(shard.stepsPath) / shard.rows;
                    bytesPerStep = perStep;
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

    /**
     * What the first episodes measured: all the episodes (those read ahead first), bytes a step, and
     * whether that was a full file's worth (else the next partition measures again).
     */
    private record Measured(Iterator<Episode> episodes, double bytesPerStep, boolean fullFile) {}

    /**
     * Parquet's own size while writing counts buffered pages uncompressed and dictionaries not at all
     * (10-20 times off for small files), so the size a step takes on disk is measured instead: the first
     * episodes are written where nothing is kept, about a target's worth (at most {@link #TRIAL_STEPS}
     * steps), until the steps that fill a file agree with the last trial; then each rolled file's size
     * per step is used for the next. Input whose plain size is below the target is one file and is not
     * measured.
     */
    private Measured measureFirst(Iterator<Episode> sorted) throws IOException {
        List<Episode> head = new ArrayList<>();
        long headSteps = 0;
        long headFrameBytes = 0;
        double perStep = GUESS_BYTES_PER_STEP;
        boolean oneFile = false;
        for (int trial = 0; trial < 4 && sorted.hasNext(); trial++) {
            long want = Math.max(1, Math.min(TRIAL_STEPS, (long) (layout.targetFileBytes() / perStep)));
            while (headSteps < want && headFrameBytes < TRIAL_FRAME_BYTES && sorted.hasNext()) {
                Episode e = sorted.next();
                head.add(e);
                headSteps += e.steps().size();
                headFrameBytes += frameBytes(e);
            }
            if (!sorted.hasNext() && plainBytes(head) < layout.targetFileBytes()) {
                oneFile = true; // even stored plain, all the input is less than a file: nothing to measure
                break;
            }
            long[] measured = trialWrite(head, want);
            perStep = (double) measured[1] / measured[0];
            long next = Math.max(1, Math.min(TRIAL_STEPS, (long) (layout.targetFileBytes() / perStep)));
            // Fewer steps than wanted: all the input, unless reading ahead stopped at the frames' limit.
            oneFile = measured[0] < want && next >= measured[0] && !sorted.hasNext();
            if (oneFile || Math.abs(next - measured[0]) <= measured[0] / 50 || headFrameBytes >= TRIAL_FRAME_BYTES) {
                break; // all the input fits one file, the estimate holds at the size it predicts, or no more
                       // episodes may be held to measure (their frames)
            }
        }
        Iterator<Episode> first = head.iterator();
        return new Measured(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || sorted.hasNext();
            }

            @Override
            public Episode next() {
                return first.hasNext() ? first.next() : sorted.next();
            }
        }, perStep, !oneFile);
    }

    /**
     * More than these episodes' steps can take in a file: every value stored plain and uncompressed,
     * strings at 3 bytes a char, 200 bytes a row for numbers, levels and short strings, 64 KB of footer.
     */
    static long plainBytes(List<Episode> episodes) {
        long bytes = FOOTER_BYTES;
        for (Episode e : episodes) {
            bytes += plainStepBytes(e);
        }
        return bytes;
    }

    private static long plainStepBytes(Episode e) {
        long bytes = 0;
        long ids = 3L * (e.episodeId().length() + e.user().length() + e.device().length());
        for (Step s : e.steps()) {
            UiContext c = s.context();
            bytes += 200 + ids + 3L * (length(s.text()) + length(s.keys()) + length(c.app())
                    + length(c.windowTitle()) + length(c.url()) + length(c.elementRole())
                    + length(c.elementName()) + length(c.screenshotRef())) + 40L * s.redactions().size();
        }
        return bytes;
    }

    /** What an episode's frames rows take on disk, about: encoded images do not compress further. */
    static long frameBytes(Episode e) {
        long bytes = 0;
        if (e.frames() != null) {
            for (StoredFrame f : e.frames().frames()) {
                bytes += f.image().length + FRAME_ROW_BYTES + MASK_BYTES * f.masks().size();
            }
        }
        return bytes;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** The steps rows of the first episodes up to {@code steps} steps, written nowhere: {rows, bytes}. */
    private long[] trialWrite(List<Episode> episodes, long steps) throws IOException {
        ParquetOutput out = ParquetOutput.sizeOnly();
        long rows = 0;
        try (ParquetWriter<dev.episodes.schema.output.Step> w = ParquetFiles.open(out,
                dev.episodes.schema.output.Step.getClassSchema(), layout.rowGroupBytes())) {
            for (Episode e : episodes) {
                String split = splitOf(e);
                int i = 0;
                for (Step s : e.steps()) {
                    w.write(RowMapper.stepRow(e, i++, s, split, layout.time()));
                }
                rows += i;
                if (rows >= steps) {
                    break;
                }
            }
        }
        return new long[] {Math.max(1, rows), out.position()};
    }

    /** The episode's split: decided in the job from the stable pseudonym, else (tests, old input) from its user. */
    private String splitOf(Episode e) {
        return e.split() != null ? e.split() : layout.splits().of(e.user());
    }

    /** One shard being written: its files open (frames once it has one), counts and audit lines gathered. */
    private final class Shard implements AutoCloseable {
        private final String stepsFile;
        private final String episodesFile;
        private final String framesFile;
        private final String fileName;
        private final Path auditDir;
        private final Path partitionDir;
        private final Path stepsPath;
        private final ParquetWriter<dev.episodes.schema.output.Step> steps;
        private final ParquetWriter<dev.episodes.schema.output.Episode> episodes;
        private ParquetWriter<dev.episodes.schema.output.Frame> frames;
        private final TreeSet<String> framesUsers = new TreeSet<>();
        private final Map<String, Long> framesFailed = new TreeMap<>();
        private final Map<String, Map<String, Long>> failedByEpisode = new TreeMap<>();
        private final ParquetOutput stepsOut;
        private long frameRows;
        private long frameEpisodes;
        private long frameBytes;
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
            this.framesFile = DatasetLayout.FRAMES + "/" + fileName;
            this.partitionDir = partitionDir;
            Files.createDirectories(partitionDir.resolve(DatasetLayout.STEPS));
            Files.createDirectories(partitionDir.resolve(DatasetLayout.EPISODES));
            this.stepsPath = partitionDir.resolve(stepsFile);
            this.stepsOut = new ParquetOutput(stepsPath);
            this.steps = ParquetFiles.open(stepsOut,
                    dev.episodes.schema.output.Step.getClassSchema(), layout.rowGroupBytes());
            this.episodes = ParquetFiles.open(partitionDir.resolve(episodesFile),
                    dev.episodes.schema.output.Episode.getClassSchema(), layout.rowGroupBytes());
        }

        void append(Episode e) throws IOException {
            String split = splitOf(e);
            int i = 0;
            for (Step s : e.steps()) {
                steps.write(RowMapper.stepRow(e, i++, s, split, layout.time()));
                byAction.merge(s.action().wire(), 1L, Long::sum);
                for (Redaction r : s.redactions()) {
                    byKind.merge(r.kind(), 1L, Long::sum);
                    audit.append(AuditLines.toJson(e.episodeId(), i - 1, r)).append('\n');
                }
            }
            rows += i;
            episodes.write(RowMapper.episodeRow(e, stepsFile, split, layout.time()));
            if (e.frames() != null) {
                e.frames().failures().forEach((reason, n) -> framesFailed.merge(reason, n, Long::sum));
                if (!e.frames().failures().isEmpty()) {
                    failedByEpisode.put(e.episodeId(), e.frames().failures());
                }
                for (StoredFrame f : e.frames().frames()) {
                    if (frames == null) {
                        Files.createDirectories(partitionDir.resolve(DatasetLayout.FRAMES));
                        frames = ParquetFiles.open(partitionDir.resolve(framesFile),
                                dev.episodes.schema.output.Frame.getClassSchema(), layout.rowGroupBytes());
                    }
                    frames.write(RowMapper.frameRow(e, f));
                    frameRows++;
                }
                if (!e.frames().frames().isEmpty()) {
                    frameEpisodes++;
                    framesUsers.add(e.user());
                    frameBytes += frameBytes(e);
                }
            }
            episodeCount++;
            users.add(e.user());
        }

        /**
         * The steps file reached the target: its estimated size on disk plus half an average episode of
         * it (closing now is nearer the target than after the next episode).
         */
        boolean full(double bytesPerStep) {
            double perEpisode = (double) rows / episodeCount;
            if ((rows + perEpisode / 2) * bytesPerStep >= layout.targetFileBytes()) {
                return true;
            }
            // The frames file likewise, by its images' bytes (PNG and JPEG do not compress further).
            double framesPerEpisode = (double) frameBytes / episodeCount;
            return frameBytes > 0 && frameBytes + framesPerEpisode / 2 >= layout.targetFileBytes();
        }

        ShardStats finish() throws IOException {
            close();
            if (audit.length() > 0) {
                Files.createDirectories(auditDir);
                Files.writeString(auditDir.resolve("redactions-" + fileName.replace(".parquet", ".jsonl")), audit);
            }
            return new ShardStats(stepsFile, episodesFile, rows, episodeCount, byAction, byKind, List.copyOf(users),
                    frameRows > 0 ? framesFile : null, frameRows, frameEpisodes, List.copyOf(framesUsers), framesFailed);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                try {
                    FrameFailures.record(stepsOut, failedByEpisode);
                    steps.close();
                } finally {
                    try {
                        episodes.close();
                    } finally {
                        if (frames != null) {
                            frames.close();
                        }
                    }
                }
            }
        }
    }
}
