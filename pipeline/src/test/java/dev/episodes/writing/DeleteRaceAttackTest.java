package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team for deleteRecursively: a discarder that removes whole directories (files, then the folder, as
 * Flink disposes a checkpoint's chk-N) racing it; links, which must be removed, never followed.
 */
class DeleteRaceAttackTest {
    @TempDir
    Path dir;

    @Test
    void wholeDirectoriesVanishingMeanwhileAreNoError() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 60; round++) {
            Path root = dir.resolve("r" + round);
            List<Path> chks = new ArrayList<>();
            for (int d = 0; d < 6; d++) {
                Path chk = Files.createDirectories(root.resolve("job").resolve("chk-" + d).resolve("sub"));
                for (int f = 0; f < 30; f++) {
                    Files.writeString(chk.resolve("f" + f), "x");
                    Files.writeString(chk.getParent().resolve("g" + f), "x");
                }
                chks.add(chk.getParent());
            }
            Collections.shuffle(chks, random);
            CompletableFuture<Void> discarder = CompletableFuture.runAsync(() -> {
                for (Path chk : chks) {
                    try (Stream<Path> all = Files.walk(chk)) {
                        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    } catch (java.nio.file.NoSuchFileException | java.nio.file.DirectoryNotEmptyException gone) {
                        // raced by deleteRecursively: fine for the discarder
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (UncheckedIOException e) {
                        if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                            throw e;
                        }
                    }
                }
            });
            DatasetCommitter.deleteRecursively(root);
            discarder.join();
            assertFalse(Files.exists(root), "round " + round);
        }
    }

    @Test
    void linksAreRemovedNotFollowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path kept = Files.writeString(outside.resolve("keep"), "x");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("toDir"), outside);
        Files.createSymbolicLink(root.resolve("dangling"), dir.resolve("nothing"));
        DatasetCommitter.deleteRecursively(root);
        assertFalse(Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(kept), "a linked folder's files are not deleted");

        Path link = Files.createSymbolicLink(dir.resolve("rootLink"), outside);
        DatasetCommitter.deleteRecursively(link);
        assertTrue(Files.exists(kept), "deleting a link to a folder deletes the link only");
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aDanglingLinkAsRootIsRemoved() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("dangling-root"), dir.resolve("nothing"));
        DatasetCommitter.deleteRecursively(link);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS),
                "a dangling link is left behind: Files.exists follows it and returns early");
    }
}
