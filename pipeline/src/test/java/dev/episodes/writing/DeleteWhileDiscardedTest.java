package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removing a checkpoint folder while something else removes its files (Flink discarding subsumed shared
 * state after the job ended): the bench's RocksDB run failed with "no such file ... shared/..." there.
 */
class DeleteWhileDiscardedTest {
    @TempDir
    Path dir;

    @Test
    void filesVanishingMeanwhileAreNoError() throws Exception {
        Random random = new Random(16);
        for (int round = 0; round < 40; round++) {
            Path root = dir.resolve("r" + round);
            List<Path> files = new ArrayList<>();
            for (int d = 0; d < 4; d++) {
                Path shared = Files.createDirectories(root.resolve("job").resolve(d == 0 ? "shared" : "chk-" + d));
                for (int f = 0; f < 60; f++) {
                    files.add(Files.writeString(shared.resolve("f" + f), "x"));
                }
            }
            Collections.shuffle(files, random);
            CompletableFuture<Void> discarder = CompletableFuture.runAsync(() -> {
                for (Path f : files) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            DatasetCommitter.deleteRecursively(root);
            discarder.join();
            assertFalse(Files.exists(root), "round " + round);
        }
    }
}
