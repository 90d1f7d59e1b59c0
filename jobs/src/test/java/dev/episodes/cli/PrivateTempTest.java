package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateTempTest {
    @Test
    void foldersOfDeadProcessesAreRemovedAndNothingElse(@TempDir Path tmp) throws Exception {
        long dead = ProcessHandle.current().pid() + 1_000_000_000L; // beyond any pid this machine hands out
        Path orphan = Files.createDirectories(tmp.resolve(PrivateTemp.PREFIX + dead + "-0a1b2c3d/minicluster_x"));
        Files.writeString(orphan.resolve("blob"), "x");
        Path live = Files.createDirectories(tmp.resolve(PrivateTemp.PREFIX + ProcessHandle.current().pid() + "-ffff0000"));
        Path notOurs = Files.createDirectories(tmp.resolve("flink-rpc-akka-someone-elses"));
        Path oddName = Files.createDirectories(tmp.resolve(PrivateTemp.PREFIX + "notapid"));

        PrivateTemp.removeOrphans(tmp);

        assertFalse(Files.exists(orphan.getParent()), "a killed run's folder goes");
        assertTrue(Files.exists(live), "a running process's folder stays");
        assertTrue(Files.exists(notOurs));
        assertTrue(Files.exists(oddName));
    }

    @Test
    void thePidIsReadFromTheName() {
        assertEquals(Optional.of(1234L), PrivateTemp.pidOf(Path.of(PrivateTemp.PREFIX + "1234-abcd")));
        assertEquals(Optional.empty(), PrivateTemp.pidOf(Path.of(PrivateTemp.PREFIX + "x-abcd")));
    }
}
