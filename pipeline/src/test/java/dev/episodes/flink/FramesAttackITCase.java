package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.frames.FrameSettings;
import dev.episodes.generate.CorpusFacts;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.generate.ScreenTruth;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.testing.TestKey;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team, end to end: the generator's screenshots, five of them then broken in the ways a store breaks
 * them (empty, truncated, a header claiming 60000x60000, a folder at the URI, gone). Two replays of the same
 * input: both finish, count every broken screenshot by its reason, and write byte-identical frames files;
 * nothing under the dataset names a screenshot.
 */
class FramesAttackITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void brokenScreenshotsAreCountedByReasonAndTwoReplaysWriteTheSameFrames() throws Exception {
        Path input = dir.resolve("activity.jsonl");
        Path screens = dir.resolve("screens");
        CorpusFacts facts = Corpus.write(input, GeneratorSettings.of(2, Duration.ofMinutes(6), 31)
                .withScreenshots(screens));
        List<Path> files = new ArrayList<>();
        for (String ref : new LinkedHashSet<>(facts.screens().stream().map(ScreenTruth::ref).toList())) {
            files.add(Path.of(URI.create(ref)));
        }
        assertTrue(files.size() > 10, "screenshots: " + files.size());
        byte[] png = Files.readAllBytes(files.get(0));
        Files.write(files.get(1), new byte[0]);
        Files.write(files.get(2), java.util.Arrays.copyOf(png, png.length / 3));
        Files.write(files.get(3), withPngSize(png, 60_000, 60_000));
        Files.delete(files.get(4));
        Files.createDirectory(files.get(4));
        Files.delete(files.get(5));

        PipelineConfig config = PipelineConfig.defaults().withParallelism(2).withFrames(FrameSettings.on());
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        RunSummary ra = new ArchiveReplay(input, a, config, TestKey.KEY).run(Flink.env(), Progress.NONE);
        RunSummary rb = new ArchiveReplay(input, b, config, TestKey.KEY).run(Flink.env(), Progress.NONE);

        Map<String, Long> failed = ra.framesFailed();
        for (String reason : List.of("corrupt", "oversized", "missing")) { // a folder is missing or unreadable
            assertTrue(failed.getOrDefault(reason, 0L) > 0, reason + " counted: " + failed);
        }
        assertTrue(failed.getOrDefault("missing", 0L) + failed.getOrDefault("unreadable", 0L) >= 2, "folder and gone: "
                + failed);
        assertEquals(failed, rb.framesFailed());
        assertEquals(ra.framesStored(), rb.framesStored());
        assertEquals(digests(a, "frames"), digests(b, "frames"), "frames files of two replays of one input");
        assertEquals(digests(a, "steps"), digests(b, "steps"), "steps files of two replays of one input");

        List<String> leaks = new ArrayList<>();
        try (Stream<Path> all = Files.walk(a)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (text.contains("file:/") || text.contains(screens.toString()) || text.contains(".png")) {
                    leaks.add(a.relativize(f).toString());
                }
            }
        }
        assertEquals(List.of(), leaks, "no file under the dataset (_private and _meta included) names a screenshot");
    }

    /** SHA-256 of each file of a table, by partition and position (file names may carry a run id). */
    private static Map<String, List<String>> digests(Path root, String table) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : all.filter(p -> Files.isRegularFile(p) && p.getParent().getFileName().toString().equals(table)
                    && p.toString().endsWith(".parquet")).sorted().toList()) {
                String partition = root.relativize(f.getParent().getParent()).toString();
                out.computeIfAbsent(partition, k -> new ArrayList<>()).add(HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return out;
    }

    private static byte[] withPngSize(byte[] png, int w, int h) {
        byte[] b = png.clone();
        ByteBuffer.wrap(b, 16, 8).putInt(w).putInt(h);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17);
        ByteBuffer.wrap(b, 29, 4).putInt((int) crc.getValue());
        return b;
    }
}
