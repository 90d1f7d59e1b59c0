package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --phone-regions takes a list; the older --phone-region keeps working and adds to it. */
class PhoneRegionsFlagTest {
    private static String regions(String... args) {
        return CommandLine.populateCommand(new PipelineFlags(), args).config().redaction().phoneRegion();
    }

    @Test
    void defaultIsUs() {
        assertEquals("US", regions());
    }

    @Test
    void aListAndTheOldFlagCombine() {
        assertEquals("DE,GB", regions("--phone-regions", "DE,GB"));
        assertEquals("FR,DE,GB", regions("--phone-region", "FR", "--phone-regions", "DE,GB"));
        assertEquals("GB", regions("--phone-region", "GB"));
    }

    @Test
    void anUnknownRegionIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> regions("--phone-regions", "US,XX"));
        assertTrue(e.getMessage().contains("--phone-regions") && e.getMessage().contains("'XX'"), e.getMessage());
    }
}
