package dev.episodes.flink.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.StateSettings;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding what the streaming job restores: the newest checkpoint or savepoint that is whole. */
class RestorePointTest {
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    static byte[] metadata(long checkpointId) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(checkpointId, List.of(), List.of()),
                new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static Path write(Path dir, byte[] metadata, int secondsAfterT0) throws Exception {
        Files.createDirectories(dir);
        Path m = Files.write(dir.resolve("_metadata"), metadata);
        Files.setLastModifiedTime(m, FileTime.from(T0.plusSeconds(secondsAfterT0)));
        return dir;
    }

    @Test
    void nothingRetainedIsNothingToRestore(@TempDir Path dir) throws Exception {
        StateSettings state = new StateSettings(StateSettings.Backend.HASHMAP, dir.resolve("missing"));
        assertEquals(Optional.empty(), RestorePoint.latest(state));
    }

    @Test
    void theNewestWholeOneWinsAcrossRunsAndSavepoints(@TempDir Path dir) throws Exception {
        StateSettings state = new StateSettings(StateSettings.Backend.HASHMAP, dir);
        Path checkpoints = state.checkpointDir();
        // An earlier run's job folder with a higher checkpoint number, older in time.
        write(checkpoints.resolve("aaaa1111aaaa1111aaaa1111aaaa1111/chk-90"), metadata(90), 10);
        Path savepoint = write(state.savepointDir().resolve("savepoint-aaaa11-0123456789ab"), metadata(91), 20);
        Path newest = write(checkpoints.resolve("bbbb2222bbbb2222bbbb2222bbbb2222/chk-3"), metadata(3), 30);
        // Newer still, but not whole: no _metadata yet, and a truncated one (a process killed mid-write).
        Files.createDirectories(checkpoints.resolve("bbbb2222bbbb2222bbbb2222bbbb2222/chk-4"));
        byte[] whole = metadata(5);
        write(checkpoints.resolve("bbbb2222bbbb2222bbbb2222bbbb2222/chk-5"), Arrays.copyOf(whole, whole.length / 2), 50);
        write(checkpoints.resolve("cccc3333cccc3333cccc3333cccc3333/chk-1"), new byte[0], 60);

        RestorePoint p = RestorePoint.latest(state).orElseThrow();
        assertEquals(newest, p.dir());
        assertTrue(!p.savepoint());

        Files.setLastModifiedTime(savepoint.resolve("_metadata"), FileTime.from(T0.plusSeconds(40)));
        RestorePoint s = RestorePoint.latest(state).orElseThrow();
        assertEquals(savepoint, s.dir());
        assertTrue(s.savepoint());
    }

    @Test
    void anExplicitPathMustBeWhole(@TempDir Path dir) throws Exception {
        Path good = write(dir.resolve("savepoint-x"), metadata(7), 0);
        assertEquals(good, RestorePoint.of(good).dir());
        assertEquals(good, RestorePoint.of(good.resolve("_metadata")).dir(), "the _metadata file names its folder");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RestorePoint.of(dir.resolve("nowhere")))
                .getMessage().contains("no savepoint or checkpoint at"));
        Path bad = write(dir.resolve("savepoint-y"), new byte[] {1, 2, 3}, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RestorePoint.of(bad))
                .getMessage().contains("incomplete or damaged"));
    }

    @Test
    void aSavepointMakesEveryOtherRestorePointObsolete(@TempDir Path dir) throws Exception {
        StateSettings state = new StateSettings(StateSettings.Backend.HASHMAP, dir);
        write(dir.resolve("aaaa1111aaaa1111aaaa1111aaaa1111/chk-90"), metadata(90), 10);
        write(state.savepointDir().resolve("savepoint-aaaa11-0123456789ab"), metadata(91), 20);
        Path keep = write(state.savepointDir().resolve("savepoint-bbbb22-0123456789ab"), metadata(92), 30);
        Path notFlinks = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(dir.resolve("_owner"), "episodes-stream /data/x");

        assertEquals(2, RestorePoint.removeAllBut(state, keep));
        assertEquals(keep, RestorePoint.latest(state).orElseThrow().dir());
        assertEquals(1, RestorePoint.candidates(state).size());
        assertTrue(Files.exists(notFlinks) && Files.exists(dir.resolve("_owner")), "only Flink's folders are touched");
    }

    @Test
    void aFinishedBoundedRunMakesEveryRestorePointObsolete(@TempDir Path dir) throws Exception {
        StateSettings state = new StateSettings(StateSettings.Backend.HASHMAP, dir);
        write(dir.resolve("aaaa1111aaaa1111aaaa1111aaaa1111/chk-90"), metadata(90), 10);
        write(state.savepointDir().resolve("savepoint-aaaa11-0123456789ab"), metadata(91), 20);
        Files.writeString(dir.resolve("_owner"), "episodes-stream /data/x");

        assertEquals(2, RestorePoint.removeAll(state));
        assertTrue(RestorePoint.latest(state).isEmpty());
        assertTrue(Files.exists(dir.resolve("_owner")), "only Flink's folders are touched");
        assertEquals(0, RestorePoint.removeAll(state), "nothing left, nothing to do");
    }
}
