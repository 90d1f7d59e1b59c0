package dev.episodes.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.storage.Store;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.ShardReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * What {@code --verify} reads of a partition's frames (episodes.md 1.1): every frame a step names is
 * there exactly once, of that step's episode; each frames row belongs to an episode of the partition,
 * its image decodes (the header is enough) to its stated size, its masks lie inside it; each frames file
 * declares the {@code huggingface} metadata that makes {@code datasets} decode {@code image}. Only files
 * that matched the manifest are read. One issue per file and kind of fault, with counts: aggregate only.
 * Frame ids of a partition are held in memory (a partition's distinct frames, not their bytes).
 */
final class FramesCheck {
    private static final Schema STEP_FRAMES = SchemaBuilder.record("StepFrame").fields()
            .requiredString("episode_id").optionalString("frame_id").endRecord();
    private static final Schema IDS = SchemaBuilder.record("EpisodeKey").fields()
            .requiredString("episode_id").endRecord();

    private FramesCheck() {}

    /** {@code intact}: the files of {@code manifest} that matched it (the others are issues already). */
    static List<FileIssue> of(Store store, String partition, Manifest manifest, List<Manifest.FileEntry> intact)
            throws IOException {
        List<FileIssue> issues = new ArrayList<>();
        List<Manifest.FileEntry> framesFiles = intact.stream().filter(e -> DatasetLayout.FRAMES.equals(e.table())).toList();
        Set<String> episodes = new HashSet<>();
        for (Manifest.FileEntry e : of(intact, DatasetLayout.EPISODES)) {
            ShardReader.scanColumns(store, IntegrityCheck.inside(partition, e.path()), IDS, r -> {
                episodes.add(r.get("episode_id").toString());
                return true;
            });
        }
        Map<String, String> episodeOfFrame = new HashMap<>();
        for (Manifest.FileEntry e : framesFiles) {
            String key = IntegrityCheck.inside(partition, e.path());
            String shown = partition + "/" + e.path();
            if (!declaresImage(store, key)) {
                issues.add(new FileIssue(shown, FileIssue.Kind.BAD_FRAME, "no huggingface metadata declaring image"
                        + " an Image: datasets would load it as a struct of bytes"));
            }
            long[] bad = new long[5]; // repeated id, other partition's episode, no decode, other size, mask outside
            ShardReader.scan(store, key, r -> {
                String id = r.get("frame_id").toString();
                String episode = r.get("episode_id").toString();
                if (episodeOfFrame.putIfAbsent(id, episode) != null) {
                    bad[0]++;
                }
                if (!episodes.contains(episode)) {
                    bad[1]++;
                }
                int width = (Integer) r.get("width");
                int height = (Integer) r.get("height");
                int[] size = imageSize((GenericRecord) r.get("image"));
                if (size == null) {
                    bad[2]++;
                } else if (size[0] != width || size[1] != height) {
                    bad[3]++;
                }
                if (!masksInside(r.get("masks"), width, height)) {
                    bad[4]++;
                }
                return true;
            });
            add(issues, shown, FileIssue.Kind.DUPLICATE, bad[0], "frames row repeats a frame_id the partition already had", "frames rows repeat a frame_id the partition already had");
            add(issues, shown, FileIssue.Kind.BAD_FRAME, bad[1], "frames row belongs to an episode not in the partition", "frames rows belong to an episode not in the partition");
            add(issues, shown, FileIssue.Kind.BAD_FRAME, bad[2], "frames row holds image bytes that do not decode as PNG or JPEG", "frames rows hold image bytes that do not decode as PNG or JPEG");
            add(issues, shown, FileIssue.Kind.BAD_FRAME, bad[3], "frames row holds an image of another size than its width and height", "frames rows hold an image of another size than their width and height");
            add(issues, shown, FileIssue.Kind.BAD_FRAME, bad[4], "frames row has a mask outside its image", "frames rows have a mask outside their image");
        }
        if (framesFiles.size() < of(manifest.files(), DatasetLayout.FRAMES).size()) {
            return issues; // a frames file is missing or changed: the frames steps name may be in it
        }
        for (Manifest.FileEntry e : of(intact, DatasetLayout.STEPS)) {
            if (!hasFrameId(store, IntegrityCheck.inside(partition, e.path()))) {
                continue; // written before schema 1.1: no step of it names a frame
            }
            long[] bad = new long[2]; // no frames row, a frame of another episode
            ShardReader.scanColumns(store, IntegrityCheck.inside(partition, e.path()), STEP_FRAMES, r -> {
                Object id = r.get("frame_id");
                if (id != null) {
                    String episode = episodeOfFrame.get(id.toString());
                    if (episode == null) {
                        bad[0]++;
                    } else if (!episode.equals(r.get("episode_id").toString())) {
                        bad[1]++;
                    }
                }
                return true;
            });
            String shown = partition + "/" + e.path();
            add(issues, shown, FileIssue.Kind.MISSING_FRAME, bad[0], "step names a frame_id no frames file of the partition holds", "steps name a frame_id no frames file of the partition holds");
            add(issues, shown, FileIssue.Kind.MISSING_FRAME, bad[1], "step names a frame_id of another episode's frame", "steps name a frame_id of another episode's frame");
        }
        return issues;
    }

    private static List<Manifest.FileEntry> of(List<Manifest.FileEntry> files, String table) {
        return files.stream().filter(e -> table.equals(e.table())).toList();
    }

    private static void add(List<FileIssue> issues, String file, FileIssue.Kind kind, long n, String one, String many) {
        if (n > 0) {
            issues.add(new FileIssue(file, kind, n + " " + (n == 1 ? one : many)));
        }
    }

    /** Whether a steps file has the {@code frame_id} column (by the Avro schema parquet-avro keeps in the footer). */
    private static boolean hasFrameId(Store store, String key) throws IOException {
        String avro = ShardReader.keyValueMetadata(store, key).get("parquet.avro.schema");
        if (avro == null) {
            return true; // not written by parquet-avro: ask for the column and see
        }
        try {
            return new Schema.Parser().parse(avro).getField("frame_id") != null;
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    /** The footer's {@code huggingface} metadata, and in it {@code image} as the Image feature. */
    private static boolean declaresImage(Store store, String key) throws IOException {
        String hf = ShardReader.keyValueMetadata(store, key).get("huggingface");
        if (hf == null) {
            return false;
        }
        try {
            JsonNode image = Json.MAPPER.readTree(hf).path("info").path("features").path("image");
            return "Image".equals(image.path("_type").asText());
        } catch (IOException notJson) {
            return false;
        }
    }

    /** Width and height from the image's header, or null when no PNG or JPEG reader takes it. */
    static int[] imageSize(GenericRecord image) {
        Object bytes = image == null ? null : image.get("bytes");
        if (!(bytes instanceof ByteBuffer b)) {
            return null;
        }
        byte[] data = new byte[b.remaining()];
        b.duplicate().get(data);
        // In memory: ImageIO would otherwise cache the stream in a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                    if (!format.equals("png") && !format.equals("jpeg")) {
                        continue;
                    }
                    reader.setInput(in, true, true);
                    return new int[] {reader.getWidth(0), reader.getHeight(0)};
                } finally {
                    reader.dispose();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // a truncated or garbled header
        }
    }

    private static boolean masksInside(Object masks, int width, int height) {
        if (!(masks instanceof Iterable<?> all)) {
            return true;
        }
        for (Object o : all) {
            GenericRecord m = (GenericRecord) o;
            int x = (Integer) m.get("x");
            int y = (Integer) m.get("y");
            int w = (Integer) m.get("w");
            int h = (Integer) m.get("h");
            if (x < 0 || y < 0 || w <= 0 || h <= 0 || (long) x + w > width || (long) y + h > height) {
                return false;
            }
        }
        return true;
    }
}
