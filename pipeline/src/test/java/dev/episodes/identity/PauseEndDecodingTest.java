package dev.episodes.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.ConsentEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (issue 17): a revoke whose {@code until_ts_us} is odd must stay a revoke (fail closed: no end),
 * never become a dead letter (the revoke would be lost and the person's events admitted) nor a pause
 * shorter than what was written.
 */
class PauseEndDecodingTest {
    private static final long TS = 1_764_403_200_000_000L;
    private static final JsonEventDecoder DECODER = new JsonEventDecoder(
            TimeBounds.aheadOf(Instant.parse("2026-11-29T00:00:00Z"), Duration.ofDays(1)));

    private static String revoke(String until) {
        String base = JsonEventEncoder.encode(new ConsentEvent("c1", "u-1042", "d-7", TS, 4, false, ConsentEvent.NO_END));
        return base.substring(0, base.length() - 1) + ",\"until_ts_us\":" + until + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1764403260000000\"", "\"soon\"", "1.7644032600000001E15", "1764403260000000.5",
            "null", "true", "{}", "[1764403260000000]", "-1", "0", "1764403200000000", "1764403199999999",
            "9223372036854775807", "9223372036854775808", "99999999999999999999999", "-9223372036854775809",
            "1e400", "\"\""})
    void anOddEndIsARevokeWithNoEnd(String until) {
        DecodeResult r = DECODER.decode(revoke(until));
        ConsentEvent c = (ConsentEvent) assertInstanceOf(DecodeResult.Decoded.class, r,
                "a revoke lost to a dead letter: " + r).event();
        assertFalse(c.granted(), until);
        assertEquals(ConsentEvent.NO_END, c.untilTsUs(), until + " read as a pause: " + c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1764403200000001", "1764403260000000"})
    void aGoodEndIsAPause(String until) {
        DecodeResult r = DECODER.decode(revoke(until));
        ConsentEvent c = (ConsentEvent) assertInstanceOf(DecodeResult.Decoded.class, r, r.toString()).event();
        assertEquals(Long.parseLong(until), c.untilTsUs());
    }
}
