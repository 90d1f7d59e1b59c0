package dev.episodes.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Red team (stop 27, commit 3b4a3b0): the word-at-a-time newline search seen through the reader, not alone:
 * files of tricky bytes (neighbours of '\n', 0x00/0x01 borrows, 0xFF, CR, a BOM) delivered in reads of
 * random sizes (so lines span refills at every offset of a word, and a refill can end mid-word), with a
 * random line limit, read by {@code next} and {@code skip} taking turns: the same lines, kinds and numbers
 * as a model that splits the whole file on '\n'. This held.
 */
class ArchiveLinesChunkedPropertyTest {
    /** A stream handing out at most {@code most} bytes a read (sometimes 0, as odd wrappers do). */
    static final class Chunked extends InputStream {
        private final byte[] b;
        private final Random r;
        private final int most;
        private int at;

        Chunked(byte[] b, Random r, int most) {
            this.b = b;
            this.r = r;
            this.most = most;
        }

        @Override
        public int read() {
            return at < b.length ? b[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (at >= b.length) {
                return -1;
            }
            if (r.nextInt(20) == 0) {
                return 0;
            }
            int n = Math.min(Math.min(len, 1 + r.nextInt(most)), b.length - at);
            System.arraycopy(b, at, into, off, n);
            at += n;
            return n;
        }
    }

    /** What each line should be: its bytes, or null if too long. */
    static List<byte[]> model(byte[] file, int max) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= file.length; i++) {
            if (i == file.length && start == file.length) {
                break; // ended with '\n' (or empty): no last line
            }
            if (i == file.length || file[i] == '\n') {
                byte[] l = Arrays.copyOfRange(file, start, i);
                if (l.length > max) {
                    out.add(null);
                } else {
                    int from = out.isEmpty() && l.length >= 3 && (l[0] & 0xFF) == 0xEF && (l[1] & 0xFF) == 0xBB
                            && (l[2] & 0xFF) == 0xBF ? 3 : 0;
                    int to = l.length > from && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
                    out.add(Arrays.copyOfRange(l, from, to));
                }
                start = i + 1;
            }
        }
        return out;
    }

    @Test
    void linesReadThroughRefillsOfEverySizeAreTheModelsEveryOne() throws IOException {
        Random r = new Random(27);
        byte[] tricky = {'\n', '\n', 0x09, 0x0B, (byte) 0x8A, 0x00, 0x01, (byte) 0xFF, '\r', '\r', 'a', 'b',
                (byte) 0x80, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        for (int round = 0; round < 20_000; round++) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            if (r.nextInt(4) == 0) {
                o.write(0xEF);
                o.write(0xBB);
                o.write(0xBF);
            }
            int n = r.nextInt(round % 50 == 0 ? 200_000 : 120);
            boolean sparse = r.nextBoolean();
            for (int k = 0; k < n; k++) {
                o.write(sparse && r.nextInt(8) > 0 ? 'x' : tricky[r.nextInt(tricky.length)]);
            }
            byte[] file = o.toByteArray();
            int max = r.nextInt(3) == 0 ? 1 + r.nextInt(20) : 1 << 20;
            int most = r.nextBoolean() ? 1 + r.nextInt(17) : 1 + r.nextInt(1 << 17);
            List<byte[]> expected = model(file, max);
            String at = "round " + round + ", max " + max + ", reads of at most " + most + ": "
                    + (file.length < 400 ? HexFormat.of().formatHex(file) : file.length + " bytes");
            try (ArchiveLines lines = new ArchiveLines(new Chunked(file, r, most), 3, max)) {
                for (int i = 0; i < expected.size(); i++) {
                    if (r.nextInt(3) == 0) {
                        assertEquals(true, lines.skip(), at + ", skip " + (i + 1));
                        assertEquals(i + 1, lines.lines(), at);
                        continue;
                    }
                    ArchiveLine l = lines.next();
                    assertEquals(i + 1, l.number(), at);
                    if (expected.get(i) == null) {
                        assertEquals(ArchiveLine.Kind.TOO_LONG, l.kind(), at + ", line " + (i + 1));
                    } else {
                        assertEquals(ArchiveLine.Kind.LINE, l.kind(), at + ", line " + (i + 1));
                        assertEquals(HexFormat.of().formatHex(expected.get(i)), HexFormat.of().formatHex(l.bytes()),
                                at + ", line " + (i + 1));
                    }
                }
                assertEquals(null, lines.next(), at + ": no more lines");
                assertEquals(expected.size(), lines.lines(), at);
            }
        }
    }
}
