package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.decode.RejectReason;
import org.junit.jupiter.api.Test;

/** Only our reasons are counted by name: the string in a dead letter's file never reaches a report. */
class DeadLetterCountsTest {
    @Test
    void everyRejectReasonIsCountedByItsWireName() {
        for (RejectReason r : RejectReason.values()) {
            assertEquals(r.wire(), DeadLetterCounts.reason("{\"reason\":\"" + r.wire() + "\",\"raw\":\"u-1\"}"));
        }
    }

    @Test
    void anyOtherReasonIsOneOtherBucket() {
        for (String line : new String[] {"{\"reason\":\"bad event from u-1042\"}", "{\"reason\":\"3f2a9c\"}",
                "{\"reason\":{\"user\":\"u-1042\"}}", "{\"reason\":7}", "{\"reason\":\"LATE\"}", "{\"reason\":\"\"}",
                "{\"reason\":null}"}) {
            assertEquals(DeadLetterCounts.OTHER, DeadLetterCounts.reason(line), line);
        }
        assertEquals("unknown", DeadLetterCounts.reason("{\"detail\":\"x\"}"));
        assertEquals("unreadable", DeadLetterCounts.reason("{not json"));
    }
}
