package dev.episodes.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * About how many records an input holds, so progress can show a percentage and an ETA: files up to
 * {@link #EXACT_BYTES} are counted, larger ones estimated from their first {@link #SAMPLE_BYTES} (for
 * .gz, from the compressed bytes that sample took). Unknown (-1) for Kafka or when anything fails.
 */
final class InputSize {
    static final long EXACT_BYTES = 64L << 20;
    static final long SAMPLE_BYTES = 8L << 20;

    private InputSize() {}

    static long of(BuildSourceFlags source) {
        return source.input == null ? -1 : lines(source.input);
    }

    static long lines(Path input) {
        try {
            long total = 0;
            for (Path f : dev.episodes.archive.ArchiveListing.of(input).files()) {
                if (!Files.isRegularFile(f)) {
                    return -1; // a pipe or a device: counting would consume what the run must read
                }
                total += lines(f, f.getFileName().toString().endsWith(".gz"));
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return -1; // a percentage is a nicety; the run reports its own errors
        }
    }

    private static long lines(Path file, boolean gz) throws IOException {
        long size = Files.size(file);
        try (Counting raw = new Counting(Files.newInputStream(file));
                InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
            long limit = gz || size > EXACT_BYTES ? SAMPLE_BYTES : Long.MAX_VALUE;
            byte[] buf = new byte[1 << 16];
            long lines = 0;
            long read = 0;
            int n;
            byte last = '\n';
            while (read < limit && (n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
                last = buf[n - 1];
                read += n;
            }
            boolean whole = in.read() < 0;
            if (whole) {
                return lines + (last != '\n' && read > 0 ? 1 : 0);
            }
            return raw.count == 0 ? -1 : Math.round((double) lines * size / raw.count);
        }
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }
}
