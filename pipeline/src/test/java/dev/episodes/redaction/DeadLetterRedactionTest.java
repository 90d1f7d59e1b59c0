package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.RejectReason;
import dev.episodes.decode.TimeBounds;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The written form of dead letters: no secret, no raw id, no input token in the detail (no Flink). */
class DeadLetterRedactionTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Pseudonymizer P = new Pseudonymizer("0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8));
    private static final DeadLetterRedaction R = new DeadLetterRedaction(P, RedactionPolicy.DEFAULT, false);
    private static final JsonEventDecoder DECODER = new JsonEventDecoder(TimeBounds.aheadOf(
            java.time.Instant.parse("2026-12-01T00:00:00Z"), java.time.Duration.ofDays(1)));
    private static final String EMAIL = "jane.doe@example.com";
    private static final String IBAN = "DE89370400440532013000";
    private static final String CARD = "4111 1111 1111 1111";

    private static DeadLetter rejected(String line) {
        DecodeResult r = DECODER.decodeLine(line.getBytes(StandardCharsets.UTF_8));
        assertTrue(r instanceof DecodeResult.Rejected, line);
        return ((DecodeResult.Rejected) r).deadLetter().from(new DeadLetter.FileLine("sub/x.jsonl", 12));
    }

    private static JsonNode json(String s) throws Exception {
        return M.readTree(s);
    }

    private static void assertNone(String out, String... planted) {
        String lower = out.toLowerCase(Locale.ROOT);
        for (String p : planted) {
            assertFalse(lower.contains(p.toLowerCase(Locale.ROOT)), "'" + p + "' leaked: " + out);
        }
    }

    @Test
    void keyValuesAreDroppedIdsPseudonymisedAndSourceKept() throws Exception {
        // A key event without its code: a password character in key, the raw ids in the strings.
        DeadLetter dl = rejected("{\"kind\":\"key\",\"event_id\":\"u-1042-e1\",\"user_id\":\"u-1042\",\"device_id\":\"d-7\","
                + "\"ts_us\":1764403200000000,\"seq\":4,\"action\":\"down\",\"key\":\"Q\",\"modifiers\":[\"shift\"]}");
        assertEquals(RejectReason.MISSING_FIELD, dl.reason());
        assertEquals("u-1042", dl.userId(), "the person is named, so consent covers it");
        JsonNode o = json(R.toJson(dl, true, Map.of()));
        assertEquals("missing_field", o.get("reason").asText());
        assertEquals("code", o.get("detail").asText());
        assertEquals("sub/x.jsonl", o.get("file").asText());
        assertEquals(12, o.get("line").asLong());
        JsonNode rec = o.get("record");
        assertFalse(rec.has("key") || rec.has("code") || rec.has("event_id"), rec.toString());
        assertEquals(P.user("u-1042"), rec.get("user").asText());
        assertEquals(P.device("d-7"), rec.get("device").asText());
        assertEquals("down", rec.get("action").asText());
        assertFalse(o.has("raw"));
        assertNone(o.toString(), "u-1042", "d-7", "\"Q\"");
    }

    @Test
    void stringsAreRedactedAndRawIdsReplacedInAnyCaseAndJoined() throws Exception {
        DeadLetter dl = rejected("{\"kind\":\"context\",\"event_id\":\"e\",\"user_id\":\"u-1042\",\"device_id\":\"d-7\",\"ts_us\":1764403200000000,"
                + "\"seq\":1,\"app\":\"Mail U-1042\",\"window_title\":\"" + EMAIL + " " + IBAN + " u-1042-d-7 D-7\","
                + "\"url\":\"https://x.example/u/U-1042?email=" + EMAIL + "\",\"element\":{\"role\":\"textbox\","
                + "\"name\":\"card " + CARD + "\",\"secure\":false},\"screenshot_ref\":\"s3://frames/d-7/1.png\","
                + "\"screen_w\":-5,\"screen_h\":1440}");
        assertEquals(RejectReason.INVALID_VALUE, dl.reason());
        String out = R.toJson(dl, true, Map.of());
        assertNone(out, "u-1042", "d-7", EMAIL, IBAN, CARD, CARD.replace(" ", ""), "s3://frames");
        JsonNode rec = json(out).get("record");
        assertTrue(rec.get("window_title").asText().contains(P.user("u-1042") + "-" + P.device("d-7")), out);
        assertTrue(rec.get("app").asText().contains(P.user("u-1042")), out);
        assertFalse(rec.has("screenshot_ref"));
    }

    @Test
    void detailsHoldNoTokenOfTheInput() {
        String[] lines = {
            "{\"kind\":hunter2secret}",
            "{\"kind\":\"hunter2secret\",\"event_id\":\"e\",\"user_id\":\"u\",\"ts_us\":1764403200000000}",
            "{\"kind\":\"key\",\"hunter2secret\":1,\"hunter2secret\":2}",
            "{\"kind\":\"key\",\"event_id\":\"e\",\"user_id\":\"u-1042\",\"ts_us\":4111111111111111}",
            "{\"kind\":\"key\",\"event_id\":\"e\",\"user_id\":\"u-1042\",\"ts_us\":86400000000}",
            "\"hunter2secret\"",
            "{\"a\":1} hunter2secret",
        };
        for (String line : lines) {
            DeadLetter dl = rejected(line);
            for (String token : List.of("hunter2secret", "4111111111111111", "86400000000")) {
                assertFalse(dl.detail().contains(token), dl.detail());
                assertNone(R.toJson(dl, true, Map.of()), token);
            }
        }
    }

    @Test
    void aBadTimeIsNotKeptAsANumberAndLongNumbersAreDropped() throws Exception {
        DeadLetter dl = rejected("{\"kind\":\"mouse\",\"event_id\":\"e\",\"user_id\":\"u-1\",\"device_id\":\"d-1\","
                + "\"ts_us\":4111111111111111,\"seq\":5,\"action\":\"move\",\"x\":123456789,\"y\":10}");
        assertEquals(RejectReason.TS_IN_FUTURE, dl.reason());
        String out = R.toJson(dl, true, Map.of());
        assertNone(out, "4111111111111111", "123456789");
        assertEquals(10, json(out).get("record").get("y").asInt());
    }

    @Test
    void withheldWhenConsentIsMissingOrARevokedIdStandsAnywhere() throws Exception {
        DeadLetter named = rejected("{\"kind\":\"key\",\"user_id\":\"u-2001\",\"ts_us\":1764403200000000,\"key\":\"x\"}");
        JsonNode o = json(R.toJson(named, false, Map.of()));
        assertEquals("no consent", o.get("withheld").asText());
        assertFalse(o.has("record") || o.has("raw"));
        // Unparseable: the revoked person's id, upper case, inside a longer token, is enough.
        DeadLetter garbage = rejected("{{ broken U-2001-D-9 " + EMAIL);
        assertEquals(null, garbage.userId());
        String out = R.toJson(garbage, true, Map.of("u-2001", true, "u-3000", false));
        assertEquals("no consent", json(out).get("withheld").asText());
        assertNone(out, "u-2001", EMAIL);
        // The same line, nobody revoked: counted with its reason and source, nothing of it written.
        JsonNode kept = json(R.toJson(garbage, true, Map.of("u-2001", false)));
        assertFalse(kept.has("withheld") || kept.has("record") || kept.has("raw"), kept.toString());
        assertEquals("malformed_json", kept.get("reason").asText());
    }

    @Test
    void aRevokedIdInsideBase64KafkaBytesIsFoundToo() throws Exception {
        String value = "{\"kind\":\"key\",\"user\":\"U-2001\"";
        DeadLetter dl = DeadLetter.of(RejectReason.MALFORMED_JSON, "not valid JSON",
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                .from(new DeadLetter.TopicRecord("activity.keys", 3, 77));
        JsonNode o = json(R.toJson(dl, true, Map.of("u-2001", true)));
        assertEquals("no consent", o.get("withheld").asText());
        assertEquals("activity.keys", o.get("topic").asText());
        assertEquals(3, o.get("partition").asInt());
        assertEquals(77, o.get("offset").asLong());
    }

    @Test
    void knownPeoplesIdsAreReplacedInRecordsOfOthersAndInFileNames() throws Exception {
        DeadLetter dl = rejected("{\"kind\":\"context\",\"user_id\":\"u-1\",\"device_id\":\"d-1\",\"ts_us\":1764403200000000,"
                + "\"seq\":1,\"window_title\":\"chat with U-1042\"}")
                .from(new DeadLetter.FileLine("exports/u-1042.jsonl", 3));
        String out = R.toJson(dl, true, Map.of("u-1042", false));
        assertNone(out, "u-1042");
        assertEquals(3, json(out).get("line").asInt());
    }

    @Test
    void deniedAppsLeaveNoStrings() throws Exception {
        DeadLetter dl = rejected("{\"kind\":\"context\",\"user_id\":\"u-1\",\"device_id\":\"d-1\",\"ts_us\":1764403200000000,"
                + "\"seq\":-1,\"app\":\"1Password\",\"window_title\":\"vault: bank PIN 4932\"}");
        String out = R.toJson(dl, true, Map.of());
        assertNone(out, "vault", "4932", "1Password");
        assertTrue(json(out).get("record").get("denied").asBoolean());
    }

    @Test
    void rawOnlyWhenAskedFor() throws Exception {
        DeadLetter dl = rejected("{\"kind\":\"key\",\"user_id\":\"u-1042\",\"ts_us\":1764403200000000,\"key\":\"x\"}");
        var keep = new DeadLetterRedaction(P, RedactionPolicy.DEFAULT, true);
        assertTrue(json(keep.toJson(dl, true, Map.of())).get("raw").asText().contains("u-1042"));
        assertFalse(json(keep.toJson(dl, false, Map.of())).has("raw"), "withheld stays withheld");
        assertFalse(json(R.toJson(dl, true, Map.of())).has("raw"));
    }
}
