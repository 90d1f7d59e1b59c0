package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.frames.MaskKinds;
import dev.episodes.schema.output.Frame;
import dev.episodes.schema.output.FrameImage;
import dev.episodes.schema.output.FrameMask;
import dev.episodes.testing.FramesDatasets;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect --verify over frames (episodes.md 1.1): each fault one line, naming the file and a count. */
class FramesIntegrityTest {
    private static final String DAY = "dt=" + Fixture.DAY_ONE;
    private static final String FRAMES = DAY + "/frames/" + FramesDatasets.NAME;
    private static final String STEPS = DAY + "/steps/" + FramesDatasets.NAME;

    @TempDir
    Path dir;
    private int n;

    @Test
    void aSoundFramesDatasetHasNoIssues() throws Exception {
        Path root = write(new FramesDatasets.Hooks());
        assertEquals(List.of(), DatasetInspector.open(root).overview(false).fileIssues());
        assertEquals(List.of(), DatasetInspector.open(root).overview(true).fileIssues());
    }

    @Test
    void aFramesFileIsCheckedAgainstTheManifestLikeTheOthers() throws Exception {
        Path root = write(new FramesDatasets.Hooks());
        Path file = root.resolve(FRAMES);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        // Only the checksum: the steps naming its frames are not reported again.
        assertEquals(List.of(new FileIssue(FRAMES, FileIssue.Kind.CHECKSUM_DIFFERS, "SHA-256 differs from the manifest's")),
                DatasetInspector.open(root).overview(true).fileIssues());
        Files.write(file, new byte[] {1, 2, 3});
        assertEquals(FileIssue.Kind.SIZE_DIFFERS, DatasetInspector.open(root).overview(false).fileIssues().get(0).kind());
    }

    @Test
    void stepsNamingAFrameThePartitionDoesNotHoldAreReported() throws Exception {
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        String firstEpisode = firstEpisodeOfDayOne();
        String frameA = FramesDatasets.frameId(firstEpisode, 0);
        hooks.only = DAY;
        hooks.frames = rows -> rows.removeIf(f -> f.getFrameId().toString().equals(frameA));
        assertEquals(List.of(new FileIssue(STEPS, FileIssue.Kind.MISSING_FRAME,
                "2 steps name a frame_id no frames file of the partition holds")), verify(hooks));
    }

    @Test
    void aFrameTwiceAndAFrameOfAnEpisodeElsewhereAreReported() throws Exception {
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        hooks.only = DAY;
        hooks.frames = rows -> {
            rows.add(Frame.newBuilder(rows.get(0)).build());
            rows.add(Frame.newBuilder(rows.get(0)).setFrameId("f".repeat(32)).setEpisodeId("not-of-this-day").build());
        };
        assertEquals(List.of(
                new FileIssue(FRAMES, FileIssue.Kind.DUPLICATE, "1 frames row repeats a frame_id the partition already had"),
                new FileIssue(FRAMES, FileIssue.Kind.BAD_FRAME, "1 frames row belongs to an episode not in the partition")),
                verify(hooks));
    }

    @Test
    void aStepNamingTheFrameOfAnotherEpisodeIsReported() throws Exception {
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        String first = firstEpisodeOfDayOne();
        hooks.only = "dt=" + Fixture.DAY_TWO;
        hooks.steps = rows -> rows.stream().filter(s -> !s.getEpisodeId().toString().equals(first)).findFirst()
                .orElseThrow().setFrameId(FramesDatasets.frameId(first, 0));
        List<FileIssue> issues = verify(hooks);
        // Day one has one episode only: the step that was changed is of day two.
        assertEquals(List.of(), issues.stream().filter(i -> i.path().startsWith(DAY)).toList());
        assertEquals(List.of(new FileIssue("dt=" + Fixture.DAY_TWO + "/steps/" + FramesDatasets.NAME,
                FileIssue.Kind.MISSING_FRAME, "1 step names a frame_id no frames file of the partition holds")), issues);
    }

    @Test
    void imagesThatDoNotDecodeOrHaveAnotherSizeAndMasksOutsideAreReported() throws Exception {
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        hooks.only = DAY;
        hooks.frames = rows -> {
            Frame a = rows.get(0);
            Frame b = rows.get(1);
            rows.clear();
            rows.add(Frame.newBuilder(a).setImage(new FrameImage(ByteBuffer.wrap(
                    "not an image".getBytes(StandardCharsets.UTF_8)), null)).build());
            // Bytes of a larger image than it says, and a mask reaching past the right edge.
            rows.add(Frame.newBuilder(b).setImage(new FrameImage(ByteBuffer.wrap(
                    FramesDatasets.png(FramesDatasets.WIDTH * 2, FramesDatasets.HEIGHT, Color.RED)), null))
                    .setMasks(List.of(new FrameMask(FramesDatasets.WIDTH - 5, 0, 6, 4, MaskKinds.SECURE_FIELD))).build());
        };
        assertEquals(List.of(
                new FileIssue(FRAMES, FileIssue.Kind.BAD_FRAME, "1 frames row holds image bytes that do not decode as PNG or JPEG"),
                new FileIssue(FRAMES, FileIssue.Kind.BAD_FRAME,
                        "1 frames row holds an image of another size than its width and height"),
                new FileIssue(FRAMES, FileIssue.Kind.BAD_FRAME, "1 frames row has a mask outside its image")),
                verify(hooks));
    }

    @Test
    void aFramesFileWithoutTheHuggingfaceMetadataIsReported() throws Exception {
        FramesDatasets.Hooks hooks = new FramesDatasets.Hooks();
        hooks.huggingfaceMetadata = false;
        List<FileIssue> issues = verify(hooks);
        assertEquals(2, issues.size(), issues.toString());
        assertEquals(new FileIssue(FRAMES, FileIssue.Kind.BAD_FRAME,
                "no huggingface metadata declaring image an Image: datasets would load it as a struct of bytes"),
                issues.get(0));
    }

    @Test
    void theImageSizeComesFromTheHeaderOfPngAndJpeg() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(33, 17, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpeg", jpeg);
        assertEquals(List.of(33, 17), size(jpeg.toByteArray()));
        assertEquals(List.of(8, 5), size(FramesDatasets.png(8, 5, Color.BLUE)));
        byte[] truncated = java.util.Arrays.copyOf(FramesDatasets.png(8, 5, Color.BLUE), 12);
        assertEquals(null, size(truncated));
        java.io.ByteArrayOutputStream gif = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "gif", gif);
        assertEquals(null, size(gif.toByteArray()), "only PNG and JPEG are frames");
    }

    @Test
    void stepsFilesFromBeforeFramesHaveNoFrameIdColumnAndPass() throws Exception {
        // A steps file of schema 1.0: no frame_id column at all.
        org.apache.avro.Schema old = org.apache.avro.SchemaBuilder.record("Step").fields()
                .requiredString("episode_id").requiredInt("step_index").endRecord();
        Path day = dir.resolve("old").resolve(DAY);
        Files.createDirectories(day.resolve("steps"));
        Path file = day.resolve("steps/part-old-0.parquet");
        try (org.apache.parquet.hadoop.ParquetWriter<org.apache.avro.generic.GenericRecord> w =
                dev.episodes.writing.ParquetFiles.open(file, old)) {
            org.apache.avro.generic.GenericRecord r = new org.apache.avro.generic.GenericData.Record(old);
            r.put("episode_id", "e1");
            r.put("step_index", 0);
            w.write(r);
        }
        dev.episodes.writing.Manifest.FileEntry steps = new dev.episodes.writing.Manifest.FileEntry(
                "steps/part-old-0.parquet", "steps", Files.size(file), 1, 1, "x", List.of());
        dev.episodes.writing.Manifest m = dev.episodes.writing.Manifest.of(DAY, "old", java.util.Map.of(), "k",
                List.of(steps), java.util.Map.of(), java.util.Map.of(), null, null, List.of());
        assertEquals(List.of(), FramesCheck.of(dev.episodes.storage.Store.local(dir.resolve("old")), DAY, m,
                List.of(steps)));
    }

    private static List<Integer> size(byte[] bytes) {
        org.apache.avro.generic.GenericRecord image = new org.apache.avro.generic.GenericData.Record(FrameImage.getClassSchema());
        image.put("bytes", ByteBuffer.wrap(bytes));
        int[] s = FramesCheck.imageSize(image);
        return s == null ? null : List.of(s[0], s[1]);
    }

    private List<FileIssue> verify(FramesDatasets.Hooks hooks) throws Exception {
        return DatasetInspector.open(write(hooks)).overview(true).fileIssues();
    }

    private Path write(FramesDatasets.Hooks hooks) throws Exception {
        Path root = dir.resolve("d" + n++);
        FramesDatasets.write(root, Fixture.episodes(), hooks);
        return root;
    }

    private static String firstEpisodeOfDayOne() {
        return Fixture.episodes().get(0).episodeId();
    }
}
