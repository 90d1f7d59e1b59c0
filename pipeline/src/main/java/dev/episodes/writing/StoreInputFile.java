package dev.episodes.writing;

import dev.episodes.storage.SeekableStream;
import dev.episodes.storage.Store;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file in a {@link Store} (s3://, hdfs://, local), read with seeks: Parquet reads the footer at
 * the end first, then only the row groups and columns it needs, so a large file is not read whole.
 */
public final class StoreInputFile implements InputFile {
    private final Store store;
    private final String key;
    private long length = -1;

    public StoreInputFile(Store store, String key) {
        this.store = store;
        this.key = key;
    }

    @Override
    public long getLength() throws IOException {
        if (length < 0) {
            length = store.size(key);
            if (length < 0) {
                throw new FileNotFoundException(store.uri(key));
            }
        }
        return length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        SeekableStream fs = SeekableStream.open(store, key);
        return new DelegatingSeekableInputStream(fs) {
            @Override
            public long getPos() throws IOException {
                return fs.position();
            }

            @Override
            public void seek(long newPos) throws IOException {
                fs.seek(newPos);
            }
        };
    }

    @Override
    public String toString() {
        return store.uri(key);
    }
}
