package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.StateSettings;
import dev.episodes.testing.TestKey;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code stream} decides before it starts: whose checkpoints these are, and what it restores. */
class StreamCommandTest {
    @Test
    void aCheckpointDirectoryBelongsToOneDataset(@TempDir Path dir) throws Exception {
        StateSettings shared = new StateSettings(StateSettings.Backend.HASHMAP, dir.resolve("checkpoints"));
        StreamCommand.claim(shared, dir.resolve("a").toString());
        StreamCommand.claim(shared, dir.resolve("a").toString()); // its own again: fine
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamCommand.claim(shared, dir.resolve("b").toString()));
        assertTrue(e.getMessage().contains("belong to") && e.getMessage().contains("--checkpoint-dir"), e.getMessage());
    }

    @Test
    void freshAndFromSavepointExcludeEachOther(@TempDir Path dir) {
        EpisodesCliTest.Run r = EpisodesCliTest.run("stream", "--pseudonym-key-file", TestKey.path(),
                "--bootstrap", "127.0.0.1:1", "--out",
                dir.resolve("out").toString(), "--fresh", "--from-savepoint", dir.resolve("sp").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("error: --fresh and --from-savepoint exclude each other"), r.err());
    }

    @Test
    void aMissingSavepointIsAnErrorNamingIt(@TempDir Path dir) {
        EpisodesCliTest.Run r = EpisodesCliTest.run("stream", "--pseudonym-key-file", TestKey.path(),
                "--bootstrap", "127.0.0.1:1", "--out",
                dir.resolve("out").toString(), "--from-savepoint", dir.resolve("sp").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("error: no savepoint or checkpoint at " + dir.resolve("sp")), r.err());
    }
}
