package dev.episodes.testing;

import dev.episodes.config.OutputLayout;
import dev.episodes.frames.MaskKinds;
import dev.episodes.schema.output.Frame;
import dev.episodes.schema.output.FrameImage;
import dev.episodes.schema.output.FrameMask;
import dev.episodes.schema.output.Step;
import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.PartitionLog;
import dev.episodes.writing.RowMapper;
import dev.episodes.writing.ZstdCodecFactory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Datasets of schema 1.1 with frames, written here until the writers make them: per partition one shard
 * (steps with {@code frame_id}, episodes, frames with small PNGs and their masks, the frames file carrying
 * the {@code huggingface} metadata), committed through the PartitionLog with {@code frames_failed}, then
 * {@code _SUCCESS} and {@code _meta/info.json} (with the card) for a configuration with frames on.
 * Steps get frames in a fixed pattern: index 0 and 1 share frame A, index 2 has none, the rest frame B.
 * Hooks change rows before they are written, to break what a check should find.
 */
public final class FramesDatasets {
    public static final String RUN = "framesrun";
    public static final String NAME = DatasetLayout.fileName(RUN, 0);
    public static final int WIDTH = 64;
    public static final int HEIGHT = 40;
    /** The huggingface metadata of a frames file, as {@code datasets} writes it. */
    public static final String HF_METADATA = "{\"info\":{\"features\":{"
            + "\"frame_id\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
            + "\"episode_id\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
            + "\"image\":{\"_type\":\"Image\"},"
            + "\"width\":{\"dtype\":\"int32\",\"_type\":\"Value\"},"
            + "\"height\":{\"dtype\":\"int32\",\"_type\":\"Value\"},"
            + "\"masks\":[{\"x\":{\"dtype\":\"int32\",\"_type\":\"Value\"},\"y\":{\"dtype\":\"int32\",\"_type\":\"Value\"},"
            + "\"w\":{\"dtype\":\"int32\",\"_type\":\"Value\"},\"h\":{\"dtype\":\"int32\",\"_type\":\"Value\"},"
            + "\"kind\":{\"dtype\":\"string\",\"_type\":\"Value\"}}]}}}";

    /** What to change before writing: rows of each table, the frames file's metadata, the failures recorded. */
    public static final class Hooks {
        public Consumer<List<Step>> steps = rows -> {};
        public Consumer<List<Frame>> frames = rows -> {};
        public boolean huggingfaceMetadata = true;
        public Map<String, Long> failed = Map.of("missing", 2L, "timeout", 1L);
        /** The partition ({@code dt=D}) the row hooks change; null: every partition. */
        public String only;
        /** Whether manifests carry the partition statistics (lengths, apps) from the episodes files. */
        public boolean stats;
    }

    private FramesDatasets() {}

    public static Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("frames", Map.of("enabled", true, "max_width", 1280, "format", "png"));
        c.put("splits", OutputLayout.DEFAULT.splits().spec());
        return c;
    }

    public static void write(Path root, List<Episode> episodes) throws IOException {
        write(root, episodes, new Hooks());
    }

    public static void write(Path root, List<Episode> episodes, Hooks hooks) throws IOException {
        Store store = Store.local(root);
        Map<String, List<Episode>> byPartition = episodes.stream().collect(Collectors.groupingBy(
                e -> DatasetLayout.partition(DatasetLayout.dateOf(e.startTsUs())), TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Episode>> p : byPartition.entrySet()) {
            partition(store, root.resolve(p.getKey()), p.getKey(), p.getValue(), hooks);
        }
        DatasetCommitter.writeInfo(store, RUN, config(), Datasets.KEY_ID);
    }

    /** The id of frame A ({@code which} 0) or B (1) of an episode: a digest of the episode id and the bytes. */
    public static String frameId(String episodeId, int which) {
        return id(episodeId, png(which));
    }

    private static void partition(Store store, Path dir, String partition, List<Episode> episodes, Hooks hooks)
            throws IOException {
        List<Step> steps = new ArrayList<>();
        List<dev.episodes.schema.output.Episode> episodeRows = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        Map<String, Long> byAction = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        String stepsFile = DatasetLayout.STEPS + "/" + NAME;
        for (Episode e : episodes) {
            String split = OutputLayout.DEFAULT.splits().of(e.user());
            episodeRows.add(RowMapper.episodeRow(e, stepsFile, split));
            boolean[] used = new boolean[2];
            for (int i = 0; i < e.steps().size(); i++) {
                Step row = RowMapper.stepRow(e, i, e.steps().get(i), split);
                int which = i < 2 ? 0 : i == 2 ? -1 : 1;
                if (which >= 0) {
                    row.setFrameId(frameId(e.episodeId(), which));
                    used[which] = true;
                }
                steps.add(row);
                byAction.merge(row.getAction(), 1L, Long::sum);
                row.getRedactions().forEach(k -> byKind.merge(k, 1L, Long::sum));
            }
            for (int which = 0; which < 2; which++) {
                if (used[which]) {
                    frames.add(frame(e.episodeId(), which));
                }
            }
        }
        if (hooks.only == null || hooks.only.equals(partition)) {
            hooks.steps.accept(steps);
            hooks.frames.accept(frames);
        }
        Files.createDirectories(dir.resolve(DatasetLayout.STEPS));
        Files.createDirectories(dir.resolve(DatasetLayout.EPISODES));
        Files.createDirectories(dir.resolve(DatasetLayout.FRAMES));
        List<String> users = episodes.stream().map(Episode::user).collect(Collectors.toCollection(TreeSet::new))
                .stream().toList();
        long framedEpisodes = frames.stream().map(f -> f.getEpisodeId().toString()).distinct().count();
        List<Manifest.FileEntry> entries = List.of(
                entry(dir, stepsFile, DatasetLayout.STEPS, write(dir.resolve(stepsFile), Step.getClassSchema(), steps,
                        Map.of()), episodes.size(), users),
                entry(dir, DatasetLayout.EPISODES + "/" + NAME, DatasetLayout.EPISODES,
                        write(dir.resolve(DatasetLayout.EPISODES).resolve(NAME),
                                dev.episodes.schema.output.Episode.getClassSchema(), episodeRows, Map.of()),
                        episodes.size(), users),
                entry(dir, DatasetLayout.FRAMES + "/" + NAME, DatasetLayout.FRAMES,
                        write(dir.resolve(DatasetLayout.FRAMES).resolve(NAME), Frame.getClassSchema(), frames,
                                hooks.huggingfaceMetadata ? Map.of("huggingface", HF_METADATA) : Map.of()),
                        framedEpisodes, users));
        dev.episodes.writing.PartitionStats stats = hooks.stats
                ? dev.episodes.writing.PartitionStats.of(List.of(dir.resolve(DatasetLayout.EPISODES).resolve(NAME)))
                : null;
        Manifest m = Manifest.of(partition, RUN, Map.of("kind", "test"), Datasets.KEY_ID, entries, byAction, byKind,
                stats, null, List.of()).withFramesFailed(hooks.failed);
        new PartitionLog(store, partition, Duration.ZERO).commit(cur -> Optional.of(m));
        store.create(partition + "/" + DatasetLayout.SUCCESS).close();
    }

    private static Manifest.FileEntry entry(Path dir, String path, String table, long rows, long episodes,
            List<String> users) throws IOException {
        Path file = dir.resolve(path);
        return new Manifest.FileEntry(path, table, Files.size(file), rows, episodes, DatasetCommitter.sha256(file),
                users);
    }

    private static <T> long write(Path file, Schema schema, List<T> rows, Map<String, String> metadata)
            throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set("parquet.avro.write-old-list-structure", "false");
        try (ParquetWriter<T> w = AvroParquetWriter.<T>builder(new LocalOutputFile(file))
                .withSchema(schema).withDataModel(SpecificData.get()).withConf(conf)
                .withCodecFactory(new ZstdCodecFactory()).withCompressionCodec(CompressionCodecName.ZSTD)
                .withExtraMetaData(metadata)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (T r : rows) {
                w.write(r);
            }
        }
        return rows.size();
    }

    /** Frame A has a secure-field mask; frame B a typed-secret and a scope-region mask. */
    private static Frame frame(String episodeId, int which) {
        byte[] png = png(which);
        List<FrameMask> masks = which == 0
                ? List.of(new FrameMask(4, 4, 20, 8, MaskKinds.SECURE_FIELD))
                : List.of(new FrameMask(10, 20, 30, 10, MaskKinds.TYPED_SECRET),
                        new FrameMask(0, 0, WIDTH, 4, MaskKinds.SCOPE_REGION));
        return Frame.newBuilder().setFrameId(id(episodeId, png)).setEpisodeId(episodeId)
                .setImage(new FrameImage(ByteBuffer.wrap(png), null)).setWidth(WIDTH).setHeight(HEIGHT)
                .setMasks(masks).build();
    }

    /** A small PNG, one of two looks. */
    public static byte[] png(int which) {
        return png(WIDTH, HEIGHT, which == 0 ? Color.WHITE : Color.LIGHT_GRAY);
    }

    public static byte[] png(int w, int h, Color fill) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(fill);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.fillRect(4, 4, 20, 8);
        g.dispose();
        return dev.episodes.frames.TestImages.encode(img, "png");
    }

    private static String id(String episodeId, byte[] bytes) {
        return dev.episodes.frames.EpisodeFraming.frameId(episodeId, bytes);
    }
}
