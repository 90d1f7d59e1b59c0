package dev.episodes.storage;

import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * A file of a {@link Store} opened for reading at any position (Parquet reads its footer first, then only
 * the row groups it needs), without exposing Flink's types to the packages that must not depend on Flink.
 */
public final class SeekableStream extends InputStream {
    private final FSDataInputStream in;

    private SeekableStream(FSDataInputStream in) {
        this.in = in;
    }

    /** Opens {@code key} of {@code store} for seeks. */
    public static SeekableStream open(Store store, String key) throws IOException {
        InputStream in = store.open(key);
        if (!(in instanceof FSDataInputStream fs)) {
            in.close();
            throw new IOException("the store of " + store.uri(key) + " does not give seekable streams");
        }
        return new SeekableStream(fs);
    }

    public long position() throws IOException {
        return in.getPos();
    }

    public void seek(long position) throws IOException {
        in.seek(position);
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        return in.skip(n);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
