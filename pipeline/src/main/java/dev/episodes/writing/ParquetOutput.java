package dev.episodes.writing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A local file for a Parquet writer that tells how many bytes are on disk while it is written (a row
 * group is on disk once flushed, which is what rolling at a target size on disk needs), and whose footer
 * is put in a fixed order when it closes ({@link ParquetFooter#normalize}), so the same rows give the
 * same bytes in every JVM. {@link #sizeOnly()} writes nothing and only counts: what a file of some rows
 * would weigh on disk.
 */
public final class ParquetOutput implements OutputFile {
    private final Path file;
    private final java.util.Map<String, String> closeMetadata = new java.util.TreeMap<>();
    private Stream stream;

    public ParquetOutput(Path file) {
        this.file = file;
    }

    /** Counts the bytes a writer would write, and keeps none. */
    public static ParquetOutput sizeOnly() {
        return new ParquetOutput(null);
    }

    /**
     * Key-value metadata the footer gets when the file closes: what is known only once all rows are
     * written (a writer's own metadata is fixed when it opens).
     */
    public void putMetadata(String key, String value) {
        closeMetadata.put(key, value);
    }

    /** Bytes written so far: the magic and every row group flushed; the footer too once closed. */
    public long position() {
        return stream == null ? 0 : stream.pos;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    private PositionOutputStream open(StandardOpenOption... options) throws IOException {
        stream = new Stream(file == null ? OutputStream.nullOutputStream()
                : new BufferedOutputStream(Files.newOutputStream(file, options), 1 << 16));
        return stream;
    }

    @Override
    public boolean supportsBlockSize() {
        return false; // no HDFS block alignment: no padding between row groups
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return file == null ? "(size only)" : file.toString();
    }

    private final class Stream extends PositionOutputStream {
        private final OutputStream out;
        private long pos;
        private boolean closed;

        Stream(OutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            pos += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            out.close();
            if (file != null) {
                pos = ParquetFooter.normalize(file, closeMetadata);
            }
        }
    }
}
