package dev.episodes.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A dataset root on any file system Flink reaches ({@code s3://bucket/prefix}, {@code hdfs://nn/path},
 * {@code gs://…}, a local path or {@code file://}); every read and write of a dataset goes through it.
 * Names are keys relative to the root, {@code /}-separated ({@code dt=2026-11-30/_manifest.json}).
 *
 * <p>Correctness never rests on a listing, a rename or a lock: data files are written once under names
 * no other write uses, and commits go through {@link #createExclusive}. {@link #list} serves clean-up
 * and reports only. Flink's file systems must be initialised first ({@link StoreSettings#apply}) for
 * anything but local paths.
 */
public final class Store {
    private final String root;
    private final Path rootPath;
    private final FileSystem fs;
    private final Primitives primitives;

    private Store(String root, Path rootPath, FileSystem fs, Primitives primitives) {
        this.root = root;
        this.rootPath = rootPath;
        this.fs = fs;
        this.primitives = primitives;
    }

    /** Opens the store under {@code root}, a URI or a local path (relative paths are made absolute). */
    public static Store of(String root) throws IOException {
        return of(root, StoreSettings.current());
    }

    /**
     * Opens the store under {@code root} with explicit settings (operators carry the run's settings:
     * the commit point on S3 needs the endpoint and credentials).
     */
    public static Store of(String root, StoreSettings settings) throws IOException {
        String normalized = normalize(root);
        Path p = new Path(normalized);
        FileSystem fs = p.getFileSystem();
        return new Store(normalized, p, fs, primitivesFor(p.toUri().getScheme() == null
                ? fs.getUri().getScheme() : p.toUri().getScheme(), settings));
    }

    /** A local folder as a store. */
    public static Store local(java.nio.file.Path dir) {
        try {
            return of(dir.toAbsolutePath().normalize().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalize(String root) {
        String r = root.strip();
        while (r.length() > 1 && r.endsWith("/") && !r.endsWith("://")) {
            r = r.substring(0, r.length() - 1);
        }
        if (!hasScheme(r)) {
            return java.nio.file.Path.of(r).toAbsolutePath().normalize().toString();
        }
        if (r.startsWith("file:")) {
            return java.nio.file.Path.of(URI.create(r)).toAbsolutePath().normalize().toString();
        }
        return r;
    }

    /** Whether a location names a scheme ({@code s3://…}), not a local path. */
    public static boolean hasScheme(String location) {
        int colon = location.indexOf("://");
        return colon > 1 && location.substring(0, colon).chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '+' || c == '-' || c == '.');
    }

    private static Primitives primitivesFor(String scheme, StoreSettings settings) throws IOException {
        String s = scheme == null ? "file" : scheme.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "file", "local" -> new LocalPrimitives();
            case "s3", "s3a", "s3p" -> new S3Primitives(settings);
            case "hdfs", "viewfs", "webhdfs", "swebhdfs" -> new HadoopPrimitives();
            default -> throw new IOException("no commit support for " + s + ":// (supported: local paths, "
                    + "file://, s3://, s3a://, hdfs://)");
        };
    }

    /** The root as given (normalised): a URI, or an absolute local path. */
    public String uri() {
        return root;
    }

    /** The full location of a key, for messages and for Flink sources. */
    public String uri(String key) {
        return key.isEmpty() ? root : root + "/" + key;
    }

    /** The local folder of this store, when it is on a local disk. */
    public Optional<java.nio.file.Path> localRoot() {
        return primitives instanceof LocalPrimitives ? Optional.of(java.nio.file.Path.of(root)) : Optional.empty();
    }

    /** The store under a key of this one (a sub-folder). */
    public Store at(String key) {
        return new Store(uri(key), path(key), fs, primitives);
    }

    public Path path(String key) {
        return key.isEmpty() ? rootPath : new Path(rootPath, key);
    }

    public boolean exists(String key) throws IOException {
        return fs.exists(path(key));
    }

    /** The size of a file in bytes, or -1 when there is none. */
    public long size(String key) throws IOException {
        try {
            return fs.getFileStatus(path(key)).getLen();
        } catch (FileNotFoundException e) {
            return -1;
        }
    }

    public InputStream open(String key) throws IOException {
        return fs.open(path(key));
    }

    /** The whole content of a small file, or empty when there is none. */
    public Optional<byte[]> read(String key) throws IOException {
        try (InputStream in = fs.open(path(key))) {
            return Optional.of(in.readAllBytes());
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * A new file under a name nobody else writes; refuses an existing one. On object stores it appears
     * whole when closed; on local disks and HDFS it is visible while written, which is why readers only
     * open files a manifest names.
     */
    public OutputStream create(String key) throws IOException {
        Path p = path(key);
        if (primitives instanceof LocalPrimitives) {
            Files.createDirectories(java.nio.file.Path.of(p.toUri().getPath()).getParent());
        }
        return fs.create(p, FileSystem.WriteMode.NO_OVERWRITE);
    }

    /** Copies a finished local file to a new key (see {@link #create}). */
    public void upload(java.nio.file.Path local, String key) throws IOException {
        try (OutputStream out = create(key)) {
            Files.copy(local, out);
        }
    }

    /** The commit point: writes a small file only if its name is free; false when another writer has it. */
    public boolean createExclusive(String key, byte[] bytes) throws IOException {
        return primitives.createExclusive(fs, path(key), bytes);
    }

    /** Replaces a small file whole (readers see the old or the new bytes). */
    public void replace(String key, byte[] bytes) throws IOException {
        primitives.replace(fs, path(key), bytes);
    }

    /** Files and folders directly under a key (empty when there is none). For clean-up and reports only. */
    public List<StoreEntry> list(String key) throws IOException {
        FileStatus[] statuses;
        try {
            statuses = fs.listStatus(path(key));
        } catch (FileNotFoundException e) {
            return List.of();
        }
        List<StoreEntry> out = new ArrayList<>();
        if (statuses == null) {
            return out;
        }
        for (FileStatus s : statuses) {
            out.add(new StoreEntry(s.getPath().getName(), s.isDir(), s.getLen(), s.getModificationTime()));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** Deletes one file; false when there was none. */
    public boolean delete(String key) throws IOException {
        return fs.delete(path(key), false);
    }

    /** Deletes a key and everything under it. */
    public void deleteTree(String key) throws IOException {
        fs.delete(path(key), true);
    }

    /** How this store commits (for {@link StoreCheck}). */
    Primitives primitives() {
        return primitives;
    }

    /** Flink's file system of this store (for {@link StoreCheck}). */
    FileSystem fileSystem() {
        return fs;
    }

    /** Whether files are visible under their names before they are closed (local disks, HDFS). */
    public boolean visibleWhileWriting() {
        return primitives.visibleWhileWriting();
    }

    @Override
    public String toString() {
        return root;
    }
}
