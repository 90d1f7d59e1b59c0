package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.decode.RejectReason;
import dev.episodes.testing.RecordedMetrics;
import org.junit.jupiter.api.Test;

class DeadLetterMetricsTest {
    @Test
    void countsWrittenAndWithheldByReasonEveryReasonFromTheStart() {
        RecordedMetrics g = new RecordedMetrics();
        DeadLetterMetrics m = new DeadLetterMetrics(g);
        for (RejectReason r : RejectReason.values()) {
            assertEquals(0, g.count("deadLetters.reason=" + r.wire() + ".written"), r.wire());
            assertEquals(0, g.count("deadLetters.reason=" + r.wire() + ".withheld"), r.wire());
        }
        m.written(RejectReason.LATE, true);
        m.written(RejectReason.LATE, false);
        m.written(RejectReason.MALFORMED_JSON, true);
        assertEquals(2, g.count("deadLetters.reason=late.written"));
        assertEquals(1, g.count("deadLetters.reason=late.withheld"));
        assertEquals(1, g.count("deadLetters.reason=malformed_json.written"));
        assertEquals(0, g.count("deadLetters.reason=malformed_json.withheld"));
        assertEquals(3, g.count("deadLettersWritten"));
        assertEquals(true, g.all().containsKey("deadLettersPerSecond"));
    }
}
