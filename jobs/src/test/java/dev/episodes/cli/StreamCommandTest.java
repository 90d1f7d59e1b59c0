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

    /**
     * Red team (stop 26): the offsets a finished run could not commit were committed for whatever
     * {@code --group-id} the next run had, marking a group that never read them as having read them.
     */
    @Test
    void offsetsLeftByARunOfAnotherGroupAreRefusedNotCommittedForThisOne(@TempDir Path dir) throws Exception {
        Path checkpoints = java.nio.file.Files.createDirectories(dir.resolve("checkpoints"));
        Path left = checkpoints.resolve(StreamCommand.UNCOMMITTED_FILE);
        new dev.episodes.flink.source.StoppingOffsets("nightly", java.util.Map.of(
                new org.apache.kafka.common.TopicPartition("activity.keys", 0), 40L)).write(left);
        EpisodesCliTest.Run r = EpisodesCliTest.run("stream", "--pseudonym-key-file", TestKey.path(),
                "--bootstrap", "127.0.0.1:1", "--out", dir.resolve("out").toString(), "--checkpoint-dir",
                checkpoints.toString(), "--group-id", "live", "--until-latest");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("read for consumer group 'nightly', not 'live'")
                && r.err().contains("--group-id nightly"), r.err());
        assertTrue(java.nio.file.Files.exists(left), "the record is kept for its own group");
    }
}
