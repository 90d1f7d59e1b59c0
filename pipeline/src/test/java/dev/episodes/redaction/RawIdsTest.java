package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.episodes.testing.Events;
import dev.episodes.testing.Timeline;
import org.junit.jupiter.api.Test;

class RawIdsTest {
    @Test
    void wholeTokensAreReplacedAndLongerIdsAreLeftAlone() {
        assertEquals("s3://frames/P/1.png", RawIds.replace("s3://frames/d-7/1.png", "d-7", "P"));
        assertEquals("d-71 and P", RawIds.replace("d-71 and d-7", "d-7", "P"));
        assertEquals("P,P", RawIds.replace("d-7,d-7", "d-7", "P"));
        String untouched = "build d-70";
        assertSame(untouched, RawIds.replace(untouched, "d-7", "P"));
    }

    @Test
    void noStepCarriesTheRawIdsOfItsPerson() {
        Timeline t = Timeline.run(Events.script()
                .context(0, "Files", "Home of u-1042", "textbox", "Search", false)
                .type(100, "u-1042 on d-7").press(2_000, "Enter", 0).list());
        String all = t.steps().toString();
        assertFalse(all.contains("u-1042"), all);
        assertFalse(all.contains("d-7/") || all.contains("d-7 ") || all.contains("d-7,"), all);
    }
}
