package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class QuietCloseFlagTest {
    private static Duration quietClose(String... args) {
        PipelineFlags flags = new PipelineFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.config().quietClose();
    }

    @Test
    void defaultsToTheSessionGapAndCanBeSetOrTurnedOff() {
        assertEquals(Duration.ofMinutes(5), quietClose(), "the gap, by default");
        assertEquals(Duration.ofMinutes(10), quietClose("--session-gap", "10m"), "follows the gap");
        assertEquals(Duration.ofSeconds(30), quietClose("--quiet-close", "30s"));
        assertEquals(Duration.ZERO, quietClose("--quiet-close", "off"));
    }

    @Test
    void nonsenseNamesTheFlag() {
        var e = assertThrows(IllegalArgumentException.class, () -> quietClose("--quiet-close", "0s"));
        assertTrue(e.getMessage().contains("--quiet-close"), e.getMessage());
        assertThrows(RuntimeException.class, () -> quietClose("--quiet-close", "soon"));
    }
}
