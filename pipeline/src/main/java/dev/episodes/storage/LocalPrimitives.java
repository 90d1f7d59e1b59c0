package dev.episodes.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Local disks and shared mounts: the content goes to a hidden temp file beside the target, then a hard
 * link gives it the target's name (the kernel refuses an existing name: exclusive create of a complete
 * file), or an atomic rename replaces the target.
 */
public final class LocalPrimitives implements Primitives {
    @Override
    public boolean createExclusive(FileSystem fs, Path target, byte[] bytes) throws IOException {
        java.nio.file.Path t = java.nio.file.Path.of(target.toUri().getPath());
        java.nio.file.Path tmp = temp(t, bytes);
        try {
            Files.createLink(t, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void replace(FileSystem fs, Path target, byte[] bytes) throws IOException {
        java.nio.file.Path t = java.nio.file.Path.of(target.toUri().getPath());
        java.nio.file.Path tmp = temp(t, bytes);
        try {
            Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static java.nio.file.Path temp(java.nio.file.Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        java.nio.file.Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.write(tmp, bytes);
        return tmp;
    }

    @Override
    public boolean visibleWhileWriting() {
        return true;
    }
}
