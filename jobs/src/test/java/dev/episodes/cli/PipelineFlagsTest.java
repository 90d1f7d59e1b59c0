package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Raw dead letters are off unless an operator asks for them by name. */
class PipelineFlagsTest {
    private static PipelineFlags parse(String... args) {
        PipelineFlags flags = new PipelineFlags();
        new CommandLine(flags).parseArgs(args);
        return flags;
    }

    @Test
    void rawDeadLettersOnlyWithTheFlag() {
        assertFalse(parse().config().keepRawDeadLetters());
        assertTrue(parse("--keep-raw-dead-letters").config().keepRawDeadLetters());
        assertTrue(parse("--keep-raw-dead-letters").config().describe().get("raw_dead_letters").equals(true),
                "recorded in _meta/info.json's config");
    }

    @Test
    void retiredFilesAreKeptADayUnlessToldOtherwise() {
        assertEquals(Duration.ofHours(24), parse().retiredGrace);
        assertEquals(Duration.ofHours(2), parse("--retired-grace", "2h").retiredGrace);
    }
}
