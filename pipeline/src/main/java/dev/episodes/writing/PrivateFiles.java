package dev.episodes.writing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code _private/} (episodes.md, Layout): folders 0700 and files 0600 where the file system has POSIX
 * permissions; elsewhere (object stores, Windows) access is the bucket's or share's policy.
 */
public final class PrivateFiles {
    private PrivateFiles() {}

    /** Creates {@code dir} and any missing parents up to and including {@code from}, each owner-only. */
    public static void createDirectories(Path from, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path d = dir; d != null && d.startsWith(from); d = d.getParent()) {
            restrict(d, "rwx------");
            if (d.equals(from)) {
                break;
            }
        }
    }

    /** A new owner-only file for writing (replacing one of the same name). */
    public static BufferedWriter newWriter(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        restrict(file, "rw-------");
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    public static void restrictFile(Path file) throws IOException {
        restrict(file, "rw-------");
    }

    private static void restrict(Path p, String mode) throws IOException {
        if (Files.getFileAttributeView(p, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        }
    }
}
