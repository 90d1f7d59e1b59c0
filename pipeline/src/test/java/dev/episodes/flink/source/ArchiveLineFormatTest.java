package dev.episodes.flink.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.archive.ArchiveLine;
import dev.episodes.archive.CorruptArchives;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveLineFormatTest {
    @TempDir
    Path dir;

    private static org.apache.flink.core.fs.Path flink(Path p) {
        return new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri());
    }

    private static ArchiveLineFormat format(Path file, CorruptArchives c) {
        return new ArchiveLineFormat(List.of(ArchiveLineFormat.key(flink(file))), List.of("sub/" + file.getFileName()), c);
    }

    private static FileSourceSplit split(Path file) throws IOException {
        return new FileSourceSplit("0", flink(file), 0, Files.size(file), 0, Files.size(file));
    }

    /** Every record with the position Flink would checkpoint after it. */
    private static List<RecordAndPosition<ArchiveLine>> all(BulkFormat.Reader<ArchiveLine> reader) throws IOException {
        List<RecordAndPosition<ArchiveLine>> out = new ArrayList<>();
        try (reader) {
            for (BulkFormat.RecordIterator<ArchiveLine> batch = reader.readBatch(); batch != null; batch = reader.readBatch()) {
                for (RecordAndPosition<ArchiveLine> r = batch.next(); r != null; r = batch.next()) {
                    out.add(new RecordAndPosition<>(r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
                }
                batch.releaseBatch();
            }
        }
        return out;
    }

    private Path lines(int n) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            s.append("{\"n\":").append(i).append("}\n");
        }
        return Files.writeString(dir.resolve("a.jsonl"), s.toString());
    }

    @Test
    void linesCarryTheirNumberAndARestoredReaderSkipsWhatItGave() throws IOException {
        Path file = lines(3000); // three batches
        ArchiveLineFormat f = format(file, CorruptArchives.FAIL);
        List<RecordAndPosition<ArchiveLine>> read = all(f.createReader(new Configuration(), split(file)));
        assertEquals(3000, read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(i + 1, read.get(i).getRecord().number());
            assertEquals(i + 1, read.get(i).getRecordSkipCount(), "position: lines given so far");
            assertEquals("{\"n\":" + (i + 1) + "}", new String(read.get(i).getRecord().bytes(), StandardCharsets.UTF_8));
        }
        FileSourceSplit restored = split(file).updateWithCheckpointedPosition(
                new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 2500));
        List<RecordAndPosition<ArchiveLine>> rest = all(f.restoreReader(new Configuration(), restored));
        assertEquals(500, rest.size());
        assertEquals(2501, rest.get(0).getRecord().number());
        assertEquals(2501, rest.get(0).getRecordSkipCount());
    }

    @Test
    void aTruncatedGzipFailsNamingFileAndLineOrEndsInOneUnreadableLine() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(lines(50_000)));
        }
        Path file = Files.write(dir.resolve("b.jsonl.gz"), Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
        List<RecordAndPosition<ArchiveLine>> read = all(format(file, CorruptArchives.SKIP)
                .createReader(new Configuration(), split(file)));
        ArchiveLine last = read.get(read.size() - 1).getRecord();
        assertEquals(ArchiveLine.Kind.UNREADABLE, last.kind());
        assertEquals(read.size(), last.number(), "the line after the last whole one");
        assertTrue(last.error().startsWith("it ends early, truncated"), last.error());
        ArchiveInputError e = assertThrows(ArchiveInputError.class,
                () -> all(format(file, CorruptArchives.FAIL).createReader(new Configuration(), split(file))));
        assertTrue(e.getMessage().startsWith("input file sub/b.jsonl.gz cannot be read at line " + last.number() + " ("),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotGzipIsDamagedAtLineOne() throws IOException {
        Path file = Files.writeString(dir.resolve("c.jsonl.gz"), "{\"plain\":true}\n");
        List<RecordAndPosition<ArchiveLine>> read = all(format(file, CorruptArchives.SKIP)
                .createReader(new Configuration(), split(file)));
        assertEquals(1, read.size());
        assertEquals(ArchiveLine.Kind.UNREADABLE, read.get(0).getRecord().kind());
        assertEquals(1, read.get(0).getRecord().number());
        assertTrue(read.get(0).getRecord().error().startsWith("corrupt gzip: Not in GZIP format"),
                read.get(0).getRecord().error());
    }
    private static FileSourceSplit stripe(Path file, int index, int count) throws IOException {
        return new FileSourceSplit(Stripe.splitId(0, new Stripe(index, count)), flink(file), 0, Files.size(file), 0,
                Files.size(file));
    }

    @Test
    void stripesTogetherGiveEveryLineOnceEachInFileOrderAndARestoredStripeSkipsOnlyItsOwn() throws IOException {
        Path file = Files.writeString(dir.resolve("s.jsonl"), Files.readString(lines(2999)) + "{\"n\":3000}"); // no last line end
        ArchiveLineFormat f = format(file, CorruptArchives.FAIL);
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<RecordAndPosition<ArchiveLine>> read = all(f.createReader(new Configuration(), stripe(file, i, 3)));
            assertEquals(1000, read.size());
            for (int k = 0; k < read.size(); k++) {
                ArchiveLine line = read.get(k).getRecord();
                assertEquals(i + 1 + 3L * k, line.number(), "stripe " + i + " takes every third line, in order");
                assertEquals("{\"n\":" + line.number() + "}", new String(line.bytes(), StandardCharsets.UTF_8));
                assertEquals(k + 1, read.get(k).getRecordSkipCount(), "position: this stripe's lines given so far");
                seen.add(line.number());
            }
        }
        assertEquals(LongStream.rangeClosed(1, 3000).boxed().toList(), seen.stream().sorted().toList());
        List<RecordAndPosition<ArchiveLine>> rest = all(f.restoreReader(new Configuration(), stripe(file, 1, 3)
                .updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 400))));
        assertEquals(600, rest.size());
        assertEquals(2 + 3L * 400, rest.get(0).getRecord().number());
        assertEquals(401, rest.get(0).getRecordSkipCount());
    }

    @Test
    void aStripeOfAFileWithFewerLinesThanStripesIsEmptyAndOnlyStripeZeroReportsDamage() throws IOException {
        Path one = Files.writeString(dir.resolve("one.jsonl"), "{\"n\":1}\n");
        assertEquals(1, all(format(one, CorruptArchives.FAIL).createReader(new Configuration(), stripe(one, 0, 2))).size());
        assertEquals(0, all(format(one, CorruptArchives.FAIL).createReader(new Configuration(), stripe(one, 1, 2))).size());

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(lines(50_000)));
        }
        Path file = Files.write(dir.resolve("d.jsonl.gz"), Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
        List<RecordAndPosition<ArchiveLine>> zero = all(format(file, CorruptArchives.SKIP)
                .createReader(new Configuration(), stripe(file, 0, 2)));
        List<RecordAndPosition<ArchiveLine>> other = all(format(file, CorruptArchives.SKIP)
                .createReader(new Configuration(), stripe(file, 1, 2)));
        ArchiveLine damage = zero.get(zero.size() - 1).getRecord();
        assertEquals(ArchiveLine.Kind.UNREADABLE, damage.kind());
        assertTrue(other.stream().noneMatch(r -> r.getRecord().kind() == ArchiveLine.Kind.UNREADABLE),
                "one dead letter for the damage, not one per reader");
        assertEquals(damage.number() - 1, zero.size() - 1 + other.size(), "every whole line before the damage, once");
        assertThrows(ArchiveInputError.class, () -> all(format(file, CorruptArchives.FAIL)
                .createReader(new Configuration(), stripe(file, 1, 2))), "any stripe fails the run");

        Path notGzip = Files.writeString(dir.resolve("e.jsonl.gz"), "{\"plain\":true}\n");
        assertEquals(1, all(format(notGzip, CorruptArchives.SKIP).createReader(new Configuration(), stripe(notGzip, 0, 2))).size());
        assertEquals(0, all(format(notGzip, CorruptArchives.SKIP).createReader(new Configuration(), stripe(notGzip, 1, 2))).size());
    }

    @Test
    void aSplitIdWithoutAStripeIsTheWholeFile() {
        assertEquals(Stripe.WHOLE, Stripe.of(new FileSourceSplit("0", new org.apache.flink.core.fs.Path("/x"), 0, 1, 0, 1)));
        assertEquals(new Stripe(2, 3), Stripe.of(new FileSourceSplit(Stripe.splitId(7, new Stripe(2, 3)),
                new org.apache.flink.core.fs.Path("/x"), 0, 1, 0, 1)));
    }
}
