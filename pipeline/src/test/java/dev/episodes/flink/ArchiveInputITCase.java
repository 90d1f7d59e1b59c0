package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.archive.CorruptArchives;
import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import dev.episodes.testing.TestKey;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of archives as they come: plain, gzipped, in a subfolder, a name Flink's own filter would drop
 * ({@code _u.jsonl}), CRLF with a BOM, lines that hold two objects, garbage, bytes that are not UTF-8,
 * a 1 MB window title, files that are not read ({@code .json}, hidden) and a truncated gzip. Every line
 * read is accounted for, the manifest names the files read by their relative paths, and the truncated file
 * stops the run with its name and line, or ({@code skip}) is one counted dead letter.
 */
class ArchiveInputITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static Path input;
    /** Lines the replay reads from each file (the truncated one: the lines before the damage, then 1). */
    static long expectedRead;
    static long brokenLinesBeforeDamage;

    @BeforeAll
    static void folder() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Corpus.write(corpus, GeneratorSettings.of(3, Duration.ofMinutes(8), 21).withMalformedRate(0));
        List<String> lines = Files.readAllLines(corpus);
        int n = lines.size();
        input = dir.resolve("in");
        Files.createDirectories(input.resolve("sub"));
        // Files are read in path order: _u, a, b, broken, sub/x; each holds the next part of the corpus.
        List<String> u = lines.subList(0, n / 5);
        List<String> a = new ArrayList<>(lines.subList(n / 5, 2 * n / 5));
        List<String> b = lines.subList(2 * n / 5, 3 * n / 5);
        List<String> broken = lines.subList(3 * n / 5, 4 * n / 5);
        List<String> x = lines.subList(4 * n / 5, n);
        Files.write(input.resolve("_u.jsonl"), u);

        int context = indexOf(a, "\"kind\":\"context\"");
        a.set(context, a.get(context).replace("\"window_title\":\"", "\"window_title\":\"" + "T".repeat(1 << 20)));
        String first = a.get(0);
        a.add(1, first + first); // two objects: the second would have vanished
        a.add(2, first + " trailing words");
        ByteArrayOutputStream crlf = new ByteArrayOutputStream();
        crlf.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // tolerated here, at the start
        for (String line : a) {
            crlf.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] notUtf8 = first.replace("\"kind\"", "\"k\u00e9\"").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(notUtf8, (byte) 0xC3);
        notUtf8[at] = (byte) 0xC0; // an overlong form: would have become U+FFFD
        crlf.write(notUtf8);
        crlf.write('\n');
        crlf.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // not at the start: refused
        crlf.write((first + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(input.resolve("a.jsonl"), crlf.toByteArray());
        long aLines = a.size() + 2;

        Files.write(input.resolve("b.jsonl.gz"), gzip(b));
        byte[] whole = gzip(broken);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        Files.write(input.resolve("broken.jsonl.gz"), cut);
        brokenLinesBeforeDamage = wholeLinesBeforeTheDamage(cut);
        Files.write(input.resolve("sub/x.jsonl"), x);
        Files.write(input.resolve("old.json"), u); // not JSON Lines by name: skipped, and said so
        Files.write(input.resolve(".x.jsonl.swp.jsonl"), u); // hidden: skipped
        expectedRead = u.size() + aLines + b.size() + brokenLinesBeforeDamage + 1 + x.size();
        assertTrue(brokenLinesBeforeDamage > 100 && brokenLinesBeforeDamage < broken.size());
    }

    private static int indexOf(List<String> lines, String s) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(s)) {
                return i;
            }
        }
        throw new AssertionError("no " + s);
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        throw new AssertionError();
    }

    private static byte[] gzip(List<String> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            for (String l : lines) {
                gz.write((l + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** Counted independently of the reader: newlines gunzip gives before it fails. */
    private static long wholeLinesBeforeTheDamage(byte[] cut) throws IOException {
        long lines = 0;
        byte[] buf = new byte[8192];
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(cut))) {
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                for (int i = 0; i < r; i++) {
                    lines += buf[i] == '\n' ? 1 : 0;
                }
            }
        } catch (EOFException expected) {
            return lines;
        }
        throw new AssertionError("the file is not truncated");
    }

    private static ArchiveReplay replay(Path out) throws IOException {
        return new ArchiveReplay(input, out, PipelineConfig.defaults().withParallelism(2), TestKey.KEY);
    }

    @Test
    void aTruncatedArchiveFailsTheRunNamingTheFileAndLineAndPublishesNothing() throws Exception {
        Path out = dir.resolve("failed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> replay(out).run(Flink.env(), Progress.NONE));
        String m = e.getMessage();
        assertTrue(m.startsWith("input file broken.jsonl.gz cannot be read at line " + (brokenLinesBeforeDamage + 1)
                + " (it ends early, truncated"), m);
        assertTrue(m.contains("--on-corrupt-archive skip"), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("dt=")).toList());
        }
    }

    @Test
    void withSkipEveryLineIsAccountedForAndTheManifestNamesTheFilesRead() throws Exception {
        Path out = dir.resolve("skipped");
        ArchiveReplay job = replay(out).onCorruptArchive(CorruptArchives.SKIP);
        assertEquals(List.of("_u.jsonl", "a.jsonl", "b.jsonl.gz", "broken.jsonl.gz", "sub/x.jsonl"), job.listing().names());
        String report = job.listing().report();
        assertTrue(report.contains("1 hidden (.x.jsonl.swp.jsonl)") && report.contains("old.json")
                && report.contains(".json files are not read"), report);
        RunSummary s = job.run(Flink.env(), Progress.NONE);
        assertEquals(expectedRead, s.recordsRead());
        assertTrue(s.accountedFor(), s.toString());
        assertEquals(1L, s.deadLetters().get("corrupt_archive"), s.deadLetters().toString());
        assertEquals(2L, s.deadLetters().get("trailing_data"), s.deadLetters().toString());
        assertEquals(2L, s.deadLetters().get("malformed_json"), "not UTF-8, a BOM mid-file: " + s.deadLetters());
        assertEquals(1, s.fieldsTruncated(), "the 1 MB title");
        assertTrue(s.commit().episodes() > 0);

        List<JsonNode> rejected = new ArrayList<>();
        try (Stream<Path> files = Files.list(out.resolve(DatasetLayout.REJECTED))) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    rejected.add(Json.MAPPER.readTree(line));
                }
            }
        }
        assertTrue(rejected.stream().anyMatch(n -> n.get("reason").asText().equals("corrupt_archive")
                && n.path("file").asText().equals("broken.jsonl.gz")
                && n.path("line").asLong() == brokenLinesBeforeDamage + 1), rejected.toString());
        assertTrue(rejected.stream().anyMatch(n -> n.get("reason").asText().equals("trailing_data")
                && n.path("file").asText().equals("a.jsonl") && n.path("line").asLong() == 2), rejected.toString());

        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(x -> x.getFileName().toString().startsWith("dt=")).toList()) {
                JsonNode inputOf = Json.MAPPER.readTree(p.resolve("_manifest.json").toFile()).get("input");
                List<String> names = new ArrayList<>();
                inputOf.get("files").forEach(f -> names.add(f.asText()));
                assertEquals(job.listing().names(), names, p.toString());
                assertEquals("skip", inputOf.get("on_corrupt_archive").asText());
            }
        }
    }
}
