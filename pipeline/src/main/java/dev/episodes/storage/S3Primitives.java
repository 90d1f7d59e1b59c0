package dev.episodes.storage;

import java.io.IOException;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * S3 and S3-compatible stores: a conditional PUT ({@code If-None-Match: *}) is the exclusive create, a
 * plain PUT of a small object replaces it whole. Flink's S3 file system has no conditional write, so
 * these two go through an S3 client configured from Flink's own {@code s3.*} keys.
 */
public final class S3Primitives implements Primitives {
    private final StoreSettings settings;

    public S3Primitives(StoreSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean createExclusive(FileSystem fs, Path target, byte[] bytes) throws IOException {
        throw new UnsupportedOperationException("S3 commits are not built yet");
    }

    @Override
    public void replace(FileSystem fs, Path target, byte[] bytes) throws IOException {
        throw new UnsupportedOperationException("S3 commits are not built yet");
    }

    @Override
    public boolean visibleWhileWriting() {
        return false;
    }
}
