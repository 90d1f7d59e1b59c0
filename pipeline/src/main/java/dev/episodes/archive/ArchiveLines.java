package dev.episodes.archive;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Splits an archive file into lines of bytes, exactly as written: a line ends at {@code \n} (a {@code \r}
 * before it is part of the line end), a UTF-8 byte order mark is dropped at the start of the file only
 * (elsewhere it stays, and decoding refuses it), and no byte is decoded or replaced here. A line longer
 * than {@link #MAX_LINE_BYTES} is skipped to its end and reported as such instead of filling the heap.
 */
public final class ArchiveLines implements AutoCloseable {
    /** Far above any event (titles and URLs are capped at a few KiB), far below a TaskManager's heap. */
    public static final int MAX_LINE_BYTES = 64 << 20;
    private static final int BUFFER = 1 << 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final int file;
    private final int maxLineBytes;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int end;
    private boolean eof;
    private long lines;
    private byte[] partial = new byte[256];

    /** Lines of {@code raw}, gunzipped when {@code name} ends in {@code .gz}. */
    public static ArchiveLines open(InputStream raw, String name, int file) throws IOException {
        return new ArchiveLines(name.endsWith(".gz") ? new GZIPInputStream(raw, BUFFER) : raw, file, MAX_LINE_BYTES);
    }

    ArchiveLines(InputStream in, int file, int maxLineBytes) {
        this.in = in;
        this.file = file;
        this.maxLineBytes = maxLineBytes;
    }

    /** Lines handed out so far (including lines reported too long): the number of the last one. */
    public long lines() {
        return lines;
    }

    /** The next line, or null at the end of the file. Read errors (a truncated gzip...) are thrown. */
    public ArchiveLine next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        while (true) {
            if (pos == end && !fill()) {
                if (length == 0 && !tooLong) {
                    return null;
                }
                return emit(partial, length, tooLong); // the last line has no line end
            }
            int nl = indexOf(buf, pos, end);
            int stop = nl < 0 ? end : nl;
            int n = stop - pos;
            if (!tooLong) {
                if ((long) length + n > maxLineBytes) {
                    tooLong = true;
                    partial = new byte[256];
                } else {
                    if (length + n > partial.length) {
                        partial = Arrays.copyOf(partial, Math.max(length + n, Math.min(maxLineBytes, partial.length * 2)));
                    }
                    System.arraycopy(buf, pos, partial, length, n);
                    length += n;
                }
            }
            pos = stop;
            if (nl >= 0) {
                pos++;
                return emit(partial, length, tooLong);
            }
        }
    }

    /**
     * Passes over the next line without copying it (another reader's: see the striped archive source);
     * it still counts in {@link #lines()}. False at the end of the file.
     */
    public boolean skip() throws IOException {
        boolean any = false;
        while (true) {
            if (pos == end && !fill()) {
                if (any) {
                    lines++; // the last line has no line end
                }
                return any;
            }
            any = true;
            int nl = indexOf(buf, pos, end);
            if (nl >= 0) {
                pos = nl + 1;
                lines++;
                return true;
            }
            pos = end;
        }
    }

    private ArchiveLine emit(byte[] bytes, int length, boolean tooLong) {
        lines++;
        if (tooLong) {
            return ArchiveLine.tooLong(file, lines);
        }
        int from = 0;
        if (lines == 1 && length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
            from = 3; // a BOM some editors and exporters write: not part of the first record
        }
        int to = length > from && bytes[length - 1] == '\r' ? length - 1 : length;
        return ArchiveLine.line(file, lines, Arrays.copyOfRange(bytes, from, to));
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do { // a conforming stream blocks until it has a byte; 0 only from odd wrappers
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    /** The first '\n' in [from, to), or -1: eight bytes at a time, since every reader scans every line. */
    static int indexOf(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i) ^ NEWLINES; // a zero byte where b has '\n'
            long zero = (w - ONES) & ~w & HIGH_BITS; // its lowest set bit marks the first zero byte
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
