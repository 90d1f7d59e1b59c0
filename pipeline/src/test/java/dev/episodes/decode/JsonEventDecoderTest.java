package dev.episodes.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.ConsentEvent;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonEventDecoderTest {
    private static final JsonEventDecoder DECODER = new JsonEventDecoder(
            TimeBounds.aheadOf(Instant.parse("2026-11-29T00:00:00Z"), Duration.ofDays(1)));
    private static final String COMMON = "\"event_id\":\"e1\",\"user_id\":\"u-1042\",\"device_id\":\"d-7\","
            + "\"ts_us\":1764403200000000,\"seq\":4";
    static final String KEY = "{\"kind\":\"key\"," + COMMON
            + ",\"action\":\"down\",\"key\":\"H\",\"code\":\"KeyH\",\"modifiers\":[\"shift\"]}";
    static final String MOUSE = "{\"kind\":\"mouse\"," + COMMON
            + ",\"action\":\"wheel\",\"x\":-5,\"y\":108,\"button\":null,\"dx\":0,\"dy\":120}";
    static final String CONTEXT = "{\"kind\":\"context\"," + COMMON + ",\"app\":\"Google Chrome\","
            + "\"window_title\":\"Inbox - Mail\",\"url\":\"https://mail.example.com/inbox\",\"element\":{\"role\":"
            + "\"searchbox\",\"name\":\"Search mail\",\"secure\":false,\"x\":300,\"y\":90,\"w\":600,\"h\":40},"
            + "\"screenshot_ref\":\"s3://frames/d-7/1.png\",\"screen_w\":2560,\"screen_h\":1440}";
    static final String CONSENT = "{\"kind\":\"consent\",\"event_id\":\"9c0d\",\"user_id\":\"u-2001\","
            + "\"device_id\":\"\",\"ts_us\":1764403300000000,\"seq\":0,\"status\":\"revoked\"}";

    private static RawEvent ok(String line) {
        DecodeResult r = DECODER.decode(line);
        return assertInstanceOf(DecodeResult.Decoded.class, r, () -> "rejected: " + r).event();
    }

    private static DeadLetter rejected(String line) {
        DecodeResult r = DECODER.decode(line);
        return assertInstanceOf(DecodeResult.Rejected.class, r, () -> "decoded: " + r).deadLetter();
    }

    @Test
    void decodesEveryKindOfTheContractExample() {
        KeyEvent k = (KeyEvent) ok(KEY);
        assertTrue(k.down());
        assertEquals("H", k.key());
        assertEquals(Modifiers.SHIFT, k.modifiers());
        MouseEvent m = (MouseEvent) ok(MOUSE);
        assertEquals(MouseEvent.Action.WHEEL, m.action());
        assertEquals(-5, m.x());
        assertEquals(120, m.dy());
        ContextEvent c = (ContextEvent) ok(CONTEXT);
        assertEquals("Search mail", c.element().name());
        assertFalse(c.element().secure());
        assertEquals(2560, c.screenW());
        ConsentEvent consent = (ConsentEvent) ok(CONSENT);
        assertFalse(consent.granted());
        assertEquals("", consent.deviceId());
    }

    /** Old consent events (no until_ts_us) and new ones; a broken end fails closed (a revoke with no end). */
    @Test
    void aRevokesPauseEndIsReadAndABrokenOneMeansNoEnd() {
        long ts = 1764403300000000L;
        assertEquals(ConsentEvent.NO_END, ((ConsentEvent) ok(CONSENT)).untilTsUs());
        ConsentEvent pause = (ConsentEvent) ok(CONSENT.replace("}", ",\"until_ts_us\":" + (ts + 1) + "}"));
        assertTrue(pause.isPause());
        assertEquals(ts + 1, pause.untilTsUs());
        for (String end : new String[] {"null", "\"soon\"", String.valueOf(ts), "1.5", "0"}) {
            ConsentEvent c = (ConsentEvent) ok(CONSENT.replace("}", ",\"until_ts_us\":" + end + "}"));
            assertEquals(ConsentEvent.NO_END, c.untilTsUs(), end);
        }
        ConsentEvent grant = (ConsentEvent) ok(CONSENT.replace("revoked", "granted")
                .replace("}", ",\"until_ts_us\":" + (ts + 9) + "}"));
        assertTrue(grant.granted() && !grant.isPause(), "an end on a grant means nothing");
        assertEquals(pause, ok(JsonEventEncoder.encode(pause)));
    }

    @Test
    void unknownExtraFieldsAreIgnored() {
        assertInstanceOf(KeyEvent.class, ok(KEY.replace("{\"kind\"", "{\"recorder\":{\"v\":9},\"kind\"")));
    }

    @Test
    void encoderAndDecoderRoundTrip() {
        for (String line : new String[] {KEY, MOUSE, CONTEXT, CONSENT}) {
            RawEvent e = ok(line);
            assertEquals(e, ok(JsonEventEncoder.encode(e)));
        }
    }

    @Test
    void aContextElementWithoutASecureFlagIsTreatedAsSecure() {
        ContextEvent c = (ContextEvent) ok(CONTEXT.replace("\"secure\":false,", ""));
        assertTrue(c.element().secure());
        ContextEvent c2 = (ContextEvent) ok(CONTEXT.replace("\"secure\":false", "\"secure\":\"no\""));
        assertTrue(c2.element().secure());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty line|empty_line|   ",
        "bad json|malformed_json|{\"kind\":\"key\",",
        "garbage|malformed_json|\u0000\u00ffgarbage",
        "array|not_an_object|[1,2]",
        "string|not_an_object|\"key\"",
        "no kind|missing_field|{\"event_id\":\"e1\"}",
        "unknown kind|unknown_kind|{\"kind\":\"gesture\",\"event_id\":\"e\",\"user_id\":\"u\",\"ts_us\":1764403200000000}",
        "kind not a string|wrong_type|{\"kind\":7}",
    })
    void rejectsUnusableLines(String name, String reason, String line) {
        assertEquals(reason, rejected(line).reason().wire());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no user_id|missing_field|user_id|\"user_id\":\"u-1042\",|",
        "null user_id|missing_field|user_id|\"user_id\":\"u-1042\"|\"user_id\":null",
        "empty user_id|invalid_value|user_id|\"user_id\":\"u-1042\"|\"user_id\":\"\"",
        "empty device_id|invalid_value|device_id|\"device_id\":\"d-7\"|\"device_id\":\"\"",
        "ts as string|wrong_type|ts_us|\"ts_us\":1764403200000000|\"ts_us\":\"1764403200000000\"",
        "ts as float|wrong_type|ts_us|\"ts_us\":1764403200000000|\"ts_us\":1.5e15",
        "negative seq|invalid_value|seq|\"seq\":4|\"seq\":-1",
        "no seq|missing_field|seq|,\"seq\":4|",
        "action|invalid_value|action|\"action\":\"down\"|\"action\":\"hold\"",
        "modifiers not array|wrong_type|modifiers|[\"shift\"]|\"shift\"",
        "modifier not string|wrong_type|modifiers|[\"shift\"]|[1]",
        "no modifiers|missing_field|modifiers|,\"modifiers\":[\"shift\"]|",
        "empty key|invalid_value|key|\"key\":\"H\"|\"key\":\"\"",
        "ts 1970|ts_before_2000|ts_us|1764403200000000|86400000000",
        "ts 2100|ts_in_future|ts_us|1764403200000000|4102444800000000",
        "ts beyond long|wrong_type|ts_us|1764403200000000|99999999999999999999999",
    })
    void rejectsBrokenKeyEventsNamingTheField(String name, String reason, String detail, String from, String to) {
        DeadLetter dl = rejected(KEY.replace(from, to == null ? "" : to));
        assertEquals(reason, dl.reason().wire());
        assertTrue(dl.detail().startsWith(detail), dl.detail());
        assertEquals(KEY.replace(from, to == null ? "" : to), dl.raw(), "the raw line is kept as received");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "x as string|wrong_type|\"x\":-5|\"x\":\"-5\"",
        "x too big|wrong_type|\"x\":-5|\"x\":3000000000",
        "wheel without dy|missing_field|,\"dy\":120|",
        "unknown action|invalid_value|\"action\":\"wheel\"|\"action\":\"hover\"",
    })
    void rejectsBrokenMouseEvents(String name, String reason, String from, String to) {
        assertEquals(reason, rejected(MOUSE.replace(from, to == null ? "" : to)).reason().wire());
    }

    @Test
    void aPressNeedsAKnownButton() {
        String down = MOUSE.replace("\"wheel\"", "\"down\"");
        assertEquals("missing_field", rejected(down).reason().wire());
        assertEquals("invalid_value", rejected(down.replace("\"button\":null", "\"button\":\"back\"")).reason().wire());
        assertInstanceOf(MouseEvent.class, ok(down.replace("\"button\":null", "\"button\":\"left\"")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no app|missing_field|\"app\":\"Google Chrome\",|",
        "title not string|wrong_type|\"window_title\":\"Inbox - Mail\"|\"window_title\":3",
        "element not object|wrong_type|{\"role\":\"searchbox\",\"name\":\"Search mail\",\"secure\":false,\"x\":300,\"y\":90,\"w\":600,\"h\":40}|[]",
        "zero screen|invalid_value|\"screen_w\":2560|\"screen_w\":0",
    })
    void rejectsBrokenContextEvents(String name, String reason, String from, String to) {
        assertEquals(reason, rejected(CONTEXT.replace(from, to == null ? "" : to)).reason().wire());
    }

    @Test
    void rejectsUnknownConsentStatus() {
        assertEquals("invalid_value", rejected(CONSENT.replace("revoked", "maybe")).reason().wire());
    }

    @Test
    void nullableContextFieldsMayBeNull() {
        ContextEvent c = (ContextEvent) ok(CONTEXT.replace("\"url\":\"https://mail.example.com/inbox\"", "\"url\":null")
                .replaceAll("\"element\":\\{[^}]*}", "\"element\":null"));
        assertEquals(null, c.url());
        assertEquals(null, c.element());
    }

    @Test
    void duplicateKeysInOneObjectAreMalformed() {
        assertEquals("malformed_json", rejected(KEY.replace("{\"kind\":\"key\",", "{\"kind\":\"key\",\"kind\":\"mouse\",")).reason().wire());
        DeadLetter nullFirst = rejected(KEY.replace("{\"kind\":\"key\",", "{\"code\":null,\"kind\":\"key\","));
        assertEquals("malformed_json", nullFirst.reason().wire(), "a null does not hide a repeated key");
        assertTrue(nullFirst.detail().contains("a field name appears twice"), nullFirst.detail());
    }
}
