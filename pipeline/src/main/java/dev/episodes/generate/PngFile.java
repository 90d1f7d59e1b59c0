package dev.episodes.generate;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A fast PNG encoder for painted screens (8-bit RGB): a screen is mostly flat, and most rows equal the one
 * above. Such a row is written with the Up filter (all zeros) and runs of them are deflated once per width
 * and power-of-two length, then reused; the other rows use the Sub filter, deflated at level 1. Every
 * piece is a self-contained deflate segment ended by a sync flush, so they concatenate into one valid
 * zlib stream. ImageIO's writer tries every filter on every row at level 9, many times slower on a
 * 2560x1440 screen. The bytes are a plain PNG any decoder reads; the same image gives the same bytes.
 */
final class PngFile {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int ADLER_MOD = 65521;
    /** Deflated runs of 2^k all-zero Up rows, by row width in pixels. */
    private static final Map<Integer, byte[][]> ZERO_RUNS = new ConcurrentHashMap<>();

    private PngFile() {}

    /** {@code image} must be {@link BufferedImage#TYPE_INT_RGB}. */
    static byte[] encode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int rowBytes = 1 + w * 3;
        ByteArrayOutputStream z = new ByteArrayOutputStream(64 * 1024);
        z.write(0x78);
        z.write(0x01);
        long a = 1;
        long b = 0;
        Deflater deflater = new Deflater(1, true);
        byte[] buf = new byte[1 << 16];
        byte[] row = new byte[rowBytes];
        row[0] = 1; // Sub: each byte minus the one three to its left, so flat runs become zeros
        try {
            int y = 0;
            while (y < h) {
                int same = 0;
                while (y + same < h && y + same > 0 && sameAsAbove(px, w, y + same)) {
                    same++;
                }
                if (same > 0) {
                    for (int i = 0; i < same; i++) { // Adler-32 of [2, 0 x 3w]: closed form
                        a = (a + 2) % ADLER_MOD;
                        b = (b + a * rowBytes) % ADLER_MOD;
                    }
                    zeroRuns(z, w, same);
                    y += same;
                    continue;
                }
                deflater.reset();
                do {
                    filterSub(px, w, y, row);
                    for (int i = 0; i < row.length; ) { // Adler-32, reduced every 5552 bytes as zlib does
                        int end = Math.min(row.length, i + 5552);
                        for (; i < end; i++) {
                            a += row[i] & 0xFF;
                            b += a;
                        }
                        a %= ADLER_MOD;
                        b %= ADLER_MOD;
                    }
                    deflater.setInput(row);
                    drain(deflater, z, buf, Deflater.NO_FLUSH);
                    y++;
                } while (y < h && !sameAsAbove(px, w, y));
                drain(deflater, z, buf, Deflater.SYNC_FLUSH);
            }
        } finally {
            deflater.end();
        }
        z.write(0x03); // a final, empty fixed-Huffman block
        z.write(0x00);
        byte[] adler = new byte[4];
        putInt(adler, 0, (int) ((b << 16) | a));
        z.writeBytes(adler);

        ByteArrayOutputStream out = new ByteArrayOutputStream(z.size() + 64);
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", z.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static boolean sameAsAbove(int[] px, int w, int y) {
        return Arrays.equals(px, y * w, y * w + w, px, (y - 1) * w, y * w);
    }

    private static void filterSub(int[] px, int w, int y, byte[] row) {
        int base = y * w;
        int pr = 0;
        int pg = 0;
        int pb = 0;
        for (int x = 0, o = 1; x < w; x++, o += 3) {
            int p = px[base + x];
            int r = (p >>> 16) & 0xFF;
            int g = (p >>> 8) & 0xFF;
            int bl = p & 0xFF;
            row[o] = (byte) (r - pr);
            row[o + 1] = (byte) (g - pg);
            row[o + 2] = (byte) (bl - pb);
            pr = r;
            pg = g;
            pb = bl;
        }
    }

    /** Appends {@code n} all-zero Up rows as cached segments of 2^k rows each. */
    private static void zeroRuns(ByteArrayOutputStream z, int w, int n) {
        byte[][] runs = ZERO_RUNS.computeIfAbsent(w, k -> new byte[31][]);
        for (int k = 30; k >= 0; k--) {
            if ((n & (1 << k)) != 0) {
                byte[] seg = runs[k];
                if (seg == null) {
                    seg = deflateZeroRows(w, 1 << k);
                    runs[k] = seg;
                }
                z.writeBytes(seg);
            }
        }
    }

    private static byte[] deflateZeroRows(int w, int rows) {
        byte[] row = new byte[1 + w * 3];
        row[0] = 2; // Up
        Deflater d = new Deflater(1, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        try {
            for (int i = 0; i < rows; i++) {
                d.setInput(row);
                drain(d, out, buf, Deflater.NO_FLUSH);
            }
            drain(d, out, buf, Deflater.SYNC_FLUSH);
        } finally {
            d.end();
        }
        return out.toByteArray();
    }

    private static void drain(Deflater d, ByteArrayOutputStream out, byte[] buf, int flush) {
        if (flush == Deflater.NO_FLUSH) {
            while (!d.needsInput()) {
                out.write(buf, 0, d.deflate(buf, 0, buf.length, flush));
            }
            return;
        }
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, flush);
            out.write(buf, 0, n);
        } while (n == buf.length);
    }

    private static void chunk(OutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        try {
            out.write(len);
            out.write(t);
            out.write(data);
            out.write(c);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
