package dev.episodes.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The two writes the commit protocol needs, which Flink's {@link FileSystem} does not give atomically on
 * every store: create a small object only if its name is free (the commit point), and replace a small
 * object so that readers see the old or the new bytes whole (the {@code _manifest.json} pointer). Each
 * kind of store does them its own way: a hard link on local disks, a rename that refuses an existing
 * target on HDFS, a conditional PUT on S3.
 */
public sealed interface Primitives permits LocalPrimitives, HadoopPrimitives, S3Primitives {

    /** Writes {@code bytes} at {@code target} only if nothing is there; false when the name is taken. */
    boolean createExclusive(FileSystem fs, Path target, byte[] bytes) throws IOException;

    /** Writes {@code bytes} at {@code target}, readers seeing the old or the new content whole. */
    void replace(FileSystem fs, Path target, byte[] bytes) throws IOException;

    /**
     * The whole content of a small file (a manifest, the pointer), or empty when there is none: the old or
     * the new bytes of a concurrent {@link #replace}, never a mix.
     */
    default Optional<byte[]> read(FileSystem fs, Path target) throws IOException {
        try (InputStream in = fs.open(target)) {
            return Optional.of(in.readAllBytes());
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Whether a file exists under the name. */
    default boolean exists(FileSystem fs, Path target) throws IOException {
        return fs.exists(target);
    }

    /** Deletes one file; false when there was none. */
    default boolean delete(FileSystem fs, Path target) throws IOException {
        return fs.delete(target, false);
    }

    /** Whether a file being written is visible under its name before it is closed (not on object stores). */
    boolean visibleWhileWriting();
}
