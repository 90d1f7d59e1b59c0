package dev.episodes.cli;

import dev.episodes.storage.Store;
import dev.episodes.storage.StoreCheck;
import dev.episodes.writing.DatasetLease;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a command checks before any work, so a bad path is one line and exit 2 at the start rather than
 * a stack trace after the whole job ran: the input exists and is readable; the output is a folder (not
 * a file) where a probe file can be created and deleted (a read-only mount, {@code /proc}, no
 * permission); and no other build holds the root ({@link DatasetLease}). Those are local-disk checks; a
 * root on S3, HDFS or another store is checked through the store itself ({@link #store}).
 */
final class Preflight {
    private Preflight() {}

    /**
     * A dataset root that is not a local folder can be reached (and written, with {@code write}): an
     * unreachable endpoint, a missing bucket, wrong credentials or a file system this build lacks are one
     * line naming what to fix, before any work. Nothing for a local root (the local checks cover it).
     */
    static void store(DatasetRoot root, String flag, boolean write) {
        if (root.isLocal()) {
            return;
        }
        Store store;
        try {
            store = Store.of(root.uri());
        } catch (org.apache.flink.core.fs.UnsupportedFileSystemSchemeException e) {
            throw new IllegalArgumentException(flag + " " + root + ": this program has no file system for "
                    + root.scheme() + ":// (" + ErrorLine.oneLine(e.getMessage()) + ")");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(flag + " " + root + " cannot be opened: "
                    + ErrorLine.oneLine(String.valueOf(e.getMessage())));
        }
        try {
            StoreCheck.check(store, write);
        } catch (StoreCheck.StoreUnavailable e) {
            throw new IllegalArgumentException(flag + " " + root + ": " + e.getMessage());
        }
    }

    /**
     * Where a build writes: a local root must be (or become) a writable folder; another store must be
     * reachable and take writes ({@link #store}).
     */
    static void output(DatasetRoot root, String flag) {
        root.localPath().ifPresentOrElse(p -> outputFolder(p, flag), () -> store(root, flag, true));
    }

    /** The lease of a local root (null for other stores: their commits need none, the protocol is lock-free). */
    static DatasetLease leaseIfLocal(DatasetRoot root, String command, PrintStream log) {
        return root.localPath().map(p -> lease(p, command, log)).orElse(null);
    }

    /** {@code flag}'s path exists and can be read (a file, or a folder that can be listed). */
    static void input(Path input, String flag) {
        if (!Files.exists(input)) {
            throw new IllegalArgumentException(flag + " " + input + ": input does not exist (give a .jsonl or "
                    + ".jsonl.gz file, or a folder of them)");
        }
        if (!Files.isReadable(input) || Files.isDirectory(input) && !Files.isExecutable(input)) {
            throw new IllegalArgumentException(flag + " " + input + " cannot be read (check its permissions)");
        }
    }

    /**
     * The dataset is not inside the input folder: a rerun would read its own dead letters as input, and
     * the dataset would change with every run.
     */
    static void apart(Path input, Path out) {
        Path in = input.toAbsolutePath().normalize();
        Path o = out.toAbsolutePath().normalize();
        if (Files.isDirectory(in) && o.startsWith(in)) {
            throw new IllegalArgumentException("--out " + out + " is inside --input " + input + ": a rerun would read "
                    + "the dataset as input (give --out a folder outside the input)");
        }
    }

    /** {@code flag}'s folder exists or is created, and can be written: a probe file is created and deleted. */
    static void outputFolder(Path out, String flag) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(flag + " " + out + " is a file, not a folder (give a folder for the "
                    + "dataset; it is created if missing)");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IllegalArgumentException(flag + " " + out + " cannot be created: " + reason(e)
                    + " (choose a folder on a writable disk)");
        }
        probe(out, flag);
    }

    /** An existing folder that must be writable (a dataset to change: erase, expire). */
    static void existingFolder(Path root, String flag) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(flag + " " + root + (Files.exists(root) ? " is a file" : " does not exist")
                    + ", not a dataset folder (give the dataset's root folder)");
        }
        probe(root, flag);
    }

    /** An existing dataset that must be writable: its info or a partition is there, and a probe file can be made. */
    static void dataset(Path root, String flag) {
        existingFolder(root, flag);
        boolean partitions;
        try (var list = Files.list(root)) {
            partitions = list.anyMatch(p -> p.getFileName().toString().startsWith("dt=") && Files.isDirectory(p));
        } catch (IOException e) {
            throw new IllegalArgumentException(flag + " " + root + " cannot be listed: " + reason(e));
        }
        if (!partitions && !Files.exists(root.resolve("_meta").resolve("info.json"))) {
            throw new IllegalArgumentException(flag + " " + root + " is not an episode dataset: it has neither "
                    + "_meta/info.json nor dt=YYYY-MM-DD partitions (give the dataset's root folder)");
        }
    }

    /** {@code flag}'s file can be written: not a folder, its folder created if needed and writable. */
    static void outputFile(Path out, String flag) {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(flag + " " + out + " is a folder (give a file name, e.g. "
                    + out.resolve("activity.jsonl.gz") + ")");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            outputFolder(parent, flag + " folder");
        }
    }

    /** Takes the root's lease for {@code command}; another build holding it is a usage error (exit 2). */
    static DatasetLease lease(Path root, String command, PrintStream log) {
        try {
            return DatasetLease.acquire(root, command, m -> log.println("note: " + m));
        } catch (DatasetLease.Busy e) {
            throw new IllegalArgumentException(e.getMessage() + " (wait for it to finish or stop it; a build "
                    + "that crashed releases the root by itself)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot take the lease of " + root + ": " + reason(e)
                    + " (check that the folder is writable)");
        }
    }

    private static void probe(Path dir, String flag) {
        Path probe = dir.resolve(".episodes-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException(flag + " " + dir + " is not writable: " + reason(e)
                    + " (choose a writable folder, or fix its permissions or mount)");
        }
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            Path p = n.getFile() == null ? null : Path.of(n.getFile()).getParent();
            return p != null && Files.isDirectory(p) ? "the file system there does not allow it (like /proc)"
                    : "a folder on the way does not exist";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
