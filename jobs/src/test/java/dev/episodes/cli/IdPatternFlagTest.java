package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.redaction.IdPattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --id-pattern names the directory's ids; the default follows the contract's examples; a bad one is refused. */
class IdPatternFlagTest {
    private static PipelineConfig config(String... args) {
        return CommandLine.populateCommand(new PipelineFlags(), args).config();
    }

    @Test
    void defaultFollowsTheContractAndIsRecordedInMeta() {
        assertEquals(IdPattern.DEFAULT, config().redaction().idPattern());
        assertEquals(IdPattern.DEFAULT_REGEX, config().describe().get("id_pattern"));
    }

    @Test
    void aConfiguredPatternIsUsed() {
        assertEquals("emp\\d{5}", config("--id-pattern", "emp\\d{5}").redaction().idPattern().regex());
    }

    @Test
    void aBadPatternIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("--id-pattern", "u-("));
        assertTrue(e.getMessage().startsWith("--id-pattern: ") && e.getMessage().contains("u-("), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config("--id-pattern", ".*"));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
