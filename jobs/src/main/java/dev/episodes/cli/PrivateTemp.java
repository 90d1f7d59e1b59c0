package dev.episodes.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The CLI's own temporary folder, so a run leaves the machine's temporary directory as it found it.
 * Flink's embedded cluster extracts a 21 MB RPC jar and creates {@code minicluster_*} folders there
 * (and native libraries are unpacked there), and not all of it is removed when the cluster stops.
 * {@code java.io.tmpdir} is pointed at {@code <tmp>/episodes-cli-<pid>-<id>} before anything reads it,
 * and the folder is deleted on exit; folders of processes that no longer run (killed with -9) are
 * deleted by the next run.
 */
final class PrivateTemp {
    static final String PREFIX = "episodes-cli-";
    private static volatile Path dir;

    private PrivateTemp() {}

    /** Points {@code java.io.tmpdir} at a new private folder (once per JVM); returns it. */
    static synchronized Path install() {
        if (dir != null) {
            return dir;
        }
        Path shared = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        removeOrphans(shared);
        try {
            dir = Files.createDirectories(shared.resolve(PREFIX + ProcessHandle.current().pid() + "-"
                    + UUID.randomUUID().toString().substring(0, 8)));
        } catch (IOException e) {
            return shared; // an unwritable temp directory fails later, where it is used, with its own message
        }
        System.setProperty("java.io.tmpdir", dir.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(PrivateTemp::remove, "episodes-temp-cleanup"));
        return dir;
    }

    /** Deletes the private folder (best effort; idempotent). */
    static void remove() {
        Path d = dir;
        if (d != null) {
            deleteQuietly(d);
        }
    }

    /** Folders left by runs whose process is gone (a pid that runs again is left alone). */
    static void removeOrphans(Path shared) {
        try (Stream<Path> s = Files.list(shared)) {
            s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
                    .filter(p -> pidOf(p).map(pid -> ProcessHandle.of(pid).isEmpty()).orElse(false))
                    .forEach(PrivateTemp::deleteQuietly);
        } catch (IOException | RuntimeException e) {
            // nothing to clean, or not ours to clean
        }
    }

    static Optional<Long> pidOf(Path folder) {
        String rest = folder.getFileName().toString().substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            return Optional.of(Long.parseLong(dash < 0 ? rest : rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // another thread's file going away at the same time
                }
            });
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }
}
