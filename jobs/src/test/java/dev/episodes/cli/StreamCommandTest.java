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

    /**
     * A --checkpoint-dir shared with other Flink jobs (say the cluster's state.checkpoints.dir): this
     * command would restore the newest of their checkpoints, and remove all of them once it finished or
     * took a savepoint. It is refused before anything is written; a folder it claimed is its own.
     */
    @Test
    void aFolderHoldingAnotherJobsCheckpointsOrSavepointsIsNotClaimed(@TempDir Path dir) throws Exception {
        for (String foreign : java.util.List.of("0123456789abcdef0123456789abcdef/chk-7", "savepoints/savepoint-ab12cd-0f")) {
            Path checkpoints = dir.resolve("c" + foreign.length());
            Path held = java.nio.file.Files.createDirectories(checkpoints.resolve(foreign));
            java.nio.file.Files.writeString(held.resolve("_metadata"), "theirs");
            StateSettings st = new StateSettings(StateSettings.Backend.HASHMAP, checkpoints);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StreamCommand.claim(st, dir.resolve("out").toString()));
            assertTrue(e.getMessage().contains("did not make") && e.getMessage().contains(foreign.split("/chk")[0])
                    && e.getMessage().contains("a folder of its own"), e.getMessage());
            assertTrue(java.nio.file.Files.exists(held.resolve("_metadata")), "theirs is left as it was");
            assertTrue(!java.nio.file.Files.exists(checkpoints.resolve(StreamCommand.OWNER_FILE)), "not claimed");
        }
        // Its own folder, once claimed, holds its own job folders: claimed again without a question.
        Path own = dir.resolve("own");
        StateSettings st = new StateSettings(StateSettings.Backend.HASHMAP, own);
        StreamCommand.claim(st, dir.resolve("out").toString());
        java.nio.file.Files.createDirectories(own.resolve("fedcba9876543210fedcba9876543210/chk-1"));
        StreamCommand.claim(st, dir.resolve("out").toString());
        // Anything else in an unclaimed folder (not named as Flink names its folders) does not stop it.
        Path other = java.nio.file.Files.createDirectories(dir.resolve("other").resolve("notes"));
        StreamCommand.claim(new StateSettings(StateSettings.Backend.HASHMAP, other.getParent()), dir.resolve("out").toString());
    }
}
