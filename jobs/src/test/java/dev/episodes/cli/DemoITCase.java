package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start works: the demo generates, replays on the embedded cluster and publishes a dataset. */
class DemoITCase {
    @Test
    void demoWritesADatasetAndAccountsForEveryLine(@TempDir Path dir) throws Exception {
        EpisodesCliTest.Run r = EpisodesCliTest.run("demo", "--dir", dir.toString(), "--people", "2", "--minutes", "3");
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> parts = Files.list(dir.resolve("dataset"))) {
            // Streamed partitions are published (a manifest) but never complete (_SUCCESS): see episodes.md.
            assertTrue(parts.anyMatch(p -> p.getFileName().toString().startsWith("dt=")
                    && Files.exists(p.resolve("_manifest.json")) && !Files.exists(p.resolve("_SUCCESS"))));
        }
    }
}
