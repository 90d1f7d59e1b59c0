package dev.episodes.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ArchiveLinesTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static List<String> lines(byte[] file) throws IOException {
        return lines(new ByteArrayInputStream(file), 1 << 20);
    }

    private static List<String> lines(InputStream in, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (ArchiveLines lines = new ArchiveLines(in, 0, max)) {
            for (ArchiveLine l = lines.next(); l != null; l = lines.next()) {
                assertEquals(out.size() + 1, l.number());
                out.add(l.kind() == ArchiveLine.Kind.LINE ? new String(l.bytes(), StandardCharsets.ISO_8859_1)
                        : "<" + l.kind() + ">");
            }
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void linesEndAtNewlinesAndTheLastNeedsNone() throws IOException {
        assertEquals(List.of("a", "", "b"), lines(bytes("a\n\nb")));
        assertEquals(List.of("a", "b"), lines(bytes("a\nb\n")));
        assertEquals(List.of(), lines(bytes("")));
        assertEquals(List.of(""), lines(bytes("\n")));
    }

    @Test
    void crlfLineEndsAreLineEndsAndALoneCrIsKept() throws IOException {
        assertEquals(List.of("a", "b", "c\rd"), lines(bytes("a\r\nb\r\nc\rd\r\n")));
    }

    @Test
    void aByteOrderMarkIsDroppedAtTheStartOfTheFileOnly() throws IOException {
        byte[] file = concat(BOM, bytes("{}\n"), BOM, bytes("{}\n"));
        List<String> got = lines(file);
        assertEquals("{}", got.get(0));
        assertEquals(new String(concat(BOM, bytes("{}")), StandardCharsets.ISO_8859_1), got.get(1),
                "mid-file it stays, and decoding refuses it");
        assertEquals(List.of(""), lines(BOM), "a file of only a BOM is one empty line");
    }

    @Test
    void bytesAreNeverDecodedOrReplaced() throws IOException {
        byte[] line = {'{', (byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF, '}'};
        try (ArchiveLines lines = new ArchiveLines(new ByteArrayInputStream(concat(line, bytes("\n"))), 3, 100)) {
            ArchiveLine l = lines.next();
            assertArrayEquals(line, l.bytes());
            assertEquals(3, l.file());
            assertNull(lines.next());
        }
    }

    @Test
    void linesLongerThanTheBufferAreWholeAndTooLongOnesAreSkippedToTheirEnd() throws IOException {
        String big = "x".repeat(200_000);
        assertEquals(List.of(big, "y"), lines(bytes(big + "\ny")));
        assertEquals(List.of("a", "<TOO_LONG>", "b", "<TOO_LONG>"),
                lines(new ByteArrayInputStream(bytes("a\n" + big + "\nb\n" + big)), 100_000));
    }

    @Test
    void aTruncatedGzipGivesItsWholeLinesThenFails() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            for (int i = 0; i < 20_000; i++) {
                out.write(bytes("{\"line\":" + i + ",\"pad\":\"" + Integer.toHexString(i * 7919) + "\"}\n"));
            }
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        try (ArchiveLines lines = ArchiveLines.open(new ByteArrayInputStream(cut), "x.jsonl.gz", 0)) {
            long n = 0;
            EOFException e = null;
            try {
                for (ArchiveLine l = lines.next(); l != null; l = lines.next()) {
                    assertEquals("{\"line\":" + n + ",", new String(l.bytes(), StandardCharsets.UTF_8)
                            .substring(0, ("{\"line\":" + n + ",").length()));
                    n++;
                }
            } catch (EOFException eof) {
                e = eof;
            }
            assertEquals(n, lines.lines());
            org.junit.jupiter.api.Assertions.assertNotNull(e, "a truncated gzip is an error, not a shorter file");
            org.junit.jupiter.api.Assertions.assertTrue(n > 1000 && n < 20_000, "lines before the cut: " + n);
        }
        assertThrows(java.util.zip.ZipException.class,
                () -> ArchiveLines.open(new ByteArrayInputStream(bytes("not gzip at all")), "x.jsonl.gz", 0));
    }

    /**
     * The word-at-a-time newline search against a byte loop, on bytes chosen to fool it: neighbours of
     * '\n' (0x09, 0x0B, 0x8A), zero bytes and 0x01 (a borrow across bytes), 0xFF, and newlines at every
     * position of a word and of the window.
     */
    @Test
    void theNewlineSearchFindsTheFirstNewlineWhereAByteLoopDoes() {
        java.util.Random r = new java.util.Random(11);
        byte[] tricky = {0x0A, 0x09, 0x0B, (byte) 0x8A, 0x00, 0x01, (byte) 0xFF, 'a', 0x0A ^ 0x01, (byte) 0x80};
        for (int round = 0; round < 200_000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            int newlines = r.nextInt(4);
            for (int k = 0; k < b.length; k++) {
                b[k] = tricky[1 + r.nextInt(tricky.length - 1)];
            }
            for (int k = 0; k < newlines && b.length > 0; k++) {
                b[r.nextInt(b.length)] = '\n';
            }
            int from = r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < to && expected < 0; i++) {
                expected = b[i] == '\n' ? i : -1;
            }
            assertEquals(expected, ArchiveLines.indexOf(b, from, to), Arrays.toString(b) + " [" + from + ", " + to + ")");
        }
    }
}
