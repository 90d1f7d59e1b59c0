package dev.episodes.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.archive.ArchiveLine;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.RawEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Archive lines are decoded exactly as written, or dead-lettered with a reason, the file and the line. */
class ArchiveLineDecoderTest {
    private static final TimeBounds BOUNDS = TimeBounds.aheadOf(Instant.parse("2026-11-29T00:00:00Z"), Duration.ofDays(1));
    private static final JsonEventDecoder JSON = new JsonEventDecoder(BOUNDS);
    private static final ArchiveLineDecoder DECODER = new ArchiveLineDecoder(JSON, List.of("a.jsonl", "sub/x.jsonl"));

    private static DecodeResult decode(String line) {
        return decode(line.getBytes(StandardCharsets.UTF_8));
    }

    private static DecodeResult decode(byte[] line) {
        return DECODER.decode(ArchiveLine.line(1, 7, line));
    }

    private static RawEvent ok(String line) {
        DecodeResult r = decode(line);
        return assertInstanceOf(DecodeResult.Decoded.class, r, () -> "rejected: " + r).event();
    }

    private static DeadLetter rejected(byte[] line) {
        DecodeResult r = decode(line);
        return assertInstanceOf(DecodeResult.Rejected.class, r, () -> "decoded: " + r).deadLetter();
    }

    private static DeadLetter rejected(String line) {
        return rejected(line.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSecondObjectOnTheLineIsADeadLetterNotLost() {
        DeadLetter dl = rejected(JsonEventDecoderTest.KEY + JsonEventDecoderTest.MOUSE);
        assertEquals(RejectReason.TRAILING_DATA, dl.reason());
        assertEquals("a second JSON value after the object (one object per line)", dl.detail());
        assertEquals(new DeadLetter.FileLine("sub/x.jsonl", 7), dl.source(), "where it came from, as fields");
        assertEquals(JsonEventDecoderTest.KEY + JsonEventDecoderTest.MOUSE, dl.raw(), "the line as written");
        assertEquals(RejectReason.TRAILING_DATA, rejected(JsonEventDecoderTest.KEY + " " + JsonEventDecoderTest.KEY).reason());
        assertEquals(RejectReason.TRAILING_DATA, rejected(JsonEventDecoderTest.KEY + "[1]").reason());
        assertEquals(RejectReason.TRAILING_DATA, rejected(JsonEventDecoderTest.KEY + "7").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "}", ",", "//c", "\u0000", "garbage after", "\"s\""})
    void anythingButWhitespaceAfterTheObjectIsTrailingData(String tail) {
        DeadLetter dl = rejected(JsonEventDecoderTest.KEY + tail);
        assertEquals(RejectReason.TRAILING_DATA, dl.reason(), dl.detail());
        assertEquals(new DeadLetter.FileLine("sub/x.jsonl", 7), dl.source(), dl.detail());
    }

    @Test
    void theStringDecoderRefusesTrailingDataToo() {
        DecodeResult r = JSON.decode(JsonEventDecoderTest.KEY + JsonEventDecoderTest.KEY);
        assertEquals(RejectReason.TRAILING_DATA, assertInstanceOf(DecodeResult.Rejected.class, r).deadLetter().reason());
    }

    @Test
    void whitespaceAroundTheObjectIsFine() {
        assertInstanceOf(KeyEvent.class, ok(JsonEventDecoderTest.KEY + "   \t \r"));
        assertInstanceOf(KeyEvent.class, ok(" \t" + JsonEventDecoderTest.KEY));
    }

    @Test
    void multiByteTextIsDecodedExactly() {
        String title = "Grüße – ☃ 𝄞 日本語 é";
        ContextEvent c = (ContextEvent) ok(JsonEventDecoderTest.CONTEXT.replace("Inbox - Mail", title));
        assertEquals(title, c.windowTitle());
    }

    /** Sequences Java's lenient decoding or Jackson would turn into U+FFFD or accept; none is UTF-8. */
    @ParameterizedTest
    @ValueSource(strings = {
        "80",          // a continuation byte with no lead
        "C3 41",       // a two-byte lead followed by ASCII
        "C0 AF",       // overlong '/'
        "C1 BF",       // overlong
        "E0 80 AF",    // overlong '/' in three bytes
        "F0 82 82 AC", // overlong euro sign in four bytes
        "ED A0 80",    // U+D800, a lone high surrogate
        "ED BF BF",    // U+DFFF, a lone low surrogate
        "ED A0 BD ED B2 A9", // a surrogate pair encoded as two 3-byte sequences (CESU-8)
        "F4 90 80 80", // above U+10FFFF
        "F5 80 80 80", // lead byte beyond Unicode
        "FE", "FF",
        "E2 82",       // truncated euro sign before the closing quote
    })
    void invalidUtf8InAStringIsADeadLetterWithTheBytes(String hex) {
        byte[] bad = HexFormat.ofDelimiter(" ").parseHex(hex);
        byte[] line = concat(utf8(JsonEventDecoderTest.CONTEXT.substring(0, JsonEventDecoderTest.CONTEXT.indexOf("Inbox"))),
                bad, utf8(JsonEventDecoderTest.CONTEXT.substring(JsonEventDecoderTest.CONTEXT.indexOf("Inbox"))));
        DeadLetter dl = rejected(line);
        assertEquals(RejectReason.MALFORMED_JSON, dl.reason());
        assertTrue(dl.detail().startsWith("not UTF-8: invalid byte at offset"), "the position, not the byte: " + dl.detail());
        assertEquals(new DeadLetter.FileLine("sub/x.jsonl", 7), dl.source());
        assertTrue(dl.detail().contains("at offset " + JsonEventDecoderTest.CONTEXT.indexOf("Inbox")), dl.detail());
        assertEquals(Base64.getEncoder().encodeToString(line), dl.raw(), "the bytes as read, not replaced");
    }

    @Test
    void aTruncatedSequenceAtTheEndOfTheLineIsNotUtf8() {
        byte[] line = concat(utf8(JsonEventDecoderTest.KEY), new byte[] {(byte) 0xE2, (byte) 0x82});
        assertTrue(rejected(line).detail().contains("not UTF-8"));
    }

    @Test
    void kafkaRecordsAreStrictUtf8Too() {
        RecordDecoder kafka = new RecordDecoder(BOUNDS, Map.of());
        byte[] overlong = concat(utf8(JsonEventDecoderTest.KEY.replace("\"H\"", "\"")), new byte[] {(byte) 0xC1,
                (byte) 0x81}, utf8(JsonEventDecoderTest.KEY.substring(JsonEventDecoderTest.KEY.indexOf("\"H\"") + 2)));
        DecodeResult r = kafka.decode("activity.keys", overlong);
        assertEquals(RejectReason.MALFORMED_JSON, assertInstanceOf(DecodeResult.Rejected.class, r).deadLetter().reason());
        DecodeResult two = kafka.decode("activity.keys", utf8(JsonEventDecoderTest.KEY + JsonEventDecoderTest.KEY));
        assertEquals(RejectReason.TRAILING_DATA, assertInstanceOf(DecodeResult.Rejected.class, two).deadLetter().reason());
    }

    @Test
    void aByteOrderMarkInsideAFileIsRefused() {
        // At a file's start the reader drops it (ArchiveLinesTest); anywhere else it is not part of JSON.
        DeadLetter dl = rejected(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(JsonEventDecoderTest.KEY)));
        assertEquals(RejectReason.MALFORMED_JSON, dl.reason());
        assertTrue(dl.detail().contains("byte order mark"), dl.detail());
    }

    @Test
    void blankLinesAreEmptyLineDeadLetters() {
        assertEquals(RejectReason.EMPTY_LINE, rejected("").reason());
        assertEquals(RejectReason.EMPTY_LINE, rejected(" \t").reason());
    }

    @Test
    void aFiveMegabyteTitleIsCutToItsLimitAtACodePointAndCounted() {
        String huge = "é".repeat(2_600_000) + "tail"; // two bytes each: 5.2 MB
        DecodeResult r = decode(JsonEventDecoderTest.CONTEXT.replace("Inbox - Mail", huge));
        DecodeResult.Decoded d = assertInstanceOf(DecodeResult.Decoded.class, r);
        String title = ((ContextEvent) d.event()).windowTitle();
        assertEquals(FieldLimits.WINDOW_TITLE_BYTES, title.getBytes(StandardCharsets.UTF_8).length);
        assertEquals("é".repeat(FieldLimits.WINDOW_TITLE_BYTES / 2), title);
        assertEquals(1, d.truncatedFields());
    }

    @Test
    void aLineUpToTheReadersLimitIsUsedEvenWithAStringBeyondJacksonsDefaultCap() {
        // Jackson refuses strings over 20 MB unless told otherwise: a 25 MB title (and a 25 MB unknown field) in
        // a line the reader accepts must be cut to its limit, not turned into malformed_json.
        String huge = "t".repeat(25_000_000);
        DecodeResult.Decoded d = assertInstanceOf(DecodeResult.Decoded.class,
                decode(JsonEventDecoderTest.CONTEXT.replace("Inbox - Mail", huge)));
        assertEquals(FieldLimits.WINDOW_TITLE_BYTES, ((ContextEvent) d.event()).windowTitle().length());
        String extra = JsonEventDecoderTest.CONTEXT.replaceFirst("\\{", "{\"newer_recorder_field\":\"" + huge + "\",");
        assertInstanceOf(DecodeResult.Decoded.class, decode(extra));
    }

    @Test
    void cuttingNeverSplitsACharacter() {
        String title = "a" + "𝄞".repeat(2000); // 1 + 4 x 2000 bytes: the limit falls inside a surrogate pair
        String cut = ((ContextEvent) ((DecodeResult.Decoded) decode(JsonEventDecoderTest.CONTEXT.replace("Inbox - Mail",
                title))).event()).windowTitle();
        assertEquals("a" + "𝄞".repeat(1023), cut, "4093 bytes: the next character would not fit whole");
        assertEquals("ab", FieldLimits.truncate("ab€", 4));
        assertEquals("ab€", FieldLimits.truncate("ab€", 5));
    }

    @Test
    void everyLongStringFieldIsCappedAndCountedShortOnesAreNot() {
        String line = JsonEventDecoderTest.CONTEXT
                .replace("Google Chrome", "A".repeat(FieldLimits.APP_BYTES + 1))
                .replace("https://mail.example.com/inbox", "https://x/?q=" + "u".repeat(FieldLimits.URL_BYTES))
                .replace("\"searchbox\"", "\"" + "r".repeat(FieldLimits.ELEMENT_ROLE_BYTES + 1) + "\"")
                .replace("Search mail", "n".repeat(FieldLimits.ELEMENT_NAME_BYTES + 5))
                .replace("s3://frames/d-7/1.png", "s3://frames/" + "p".repeat(FieldLimits.SCREENSHOT_REF_BYTES));
        DecodeResult.Decoded d = assertInstanceOf(DecodeResult.Decoded.class, decode(line));
        ContextEvent c = (ContextEvent) d.event();
        assertEquals(FieldLimits.APP_BYTES, c.app().length());
        assertEquals(FieldLimits.URL_BYTES, c.url().length());
        assertEquals(FieldLimits.ELEMENT_ROLE_BYTES, c.element().role().length());
        assertEquals(FieldLimits.ELEMENT_NAME_BYTES, c.element().name().length());
        assertNull(c.screenshotRef(), "a cut reference would name another object: dropped");
        assertEquals(5, d.truncatedFields());
        String exact = JsonEventDecoderTest.CONTEXT.replace("Inbox - Mail", "t".repeat(FieldLimits.WINDOW_TITLE_BYTES));
        DecodeResult.Decoded atLimit = assertInstanceOf(DecodeResult.Decoded.class, decode(exact));
        assertEquals(0, atLimit.truncatedFields());
        assertEquals(FieldLimits.WINDOW_TITLE_BYTES, ((ContextEvent) atLimit.event()).windowTitle().length());
        KeyEvent k = (KeyEvent) ok(JsonEventDecoderTest.KEY.replace("\"H\"", "\"" + "H".repeat(FieldLimits.KEY_BYTES + 1) + "\""));
        assertEquals(FieldLimits.KEY_BYTES, k.key().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"event_id", "user_id", "device_id"})
    void anOverLongIdIsADeadLetterNotCut(String field) {
        String value = JsonEventDecoderTest.KEY.contains("\"" + field + "\":\"e1\"") ? "e1"
                : field.equals("user_id") ? "u-1042" : "d-7";
        DeadLetter dl = rejected(JsonEventDecoderTest.KEY.replace("\"" + field + "\":\"" + value + "\"",
                "\"" + field + "\":\"" + "i".repeat(FieldLimits.ID_BYTES + 1) + "\""));
        assertEquals(RejectReason.INVALID_VALUE, dl.reason());
        assertTrue(dl.detail().endsWith(field + " longer than 256 bytes"), dl.detail());
        assertInstanceOf(KeyEvent.class, ok(JsonEventDecoderTest.KEY.replace("\"" + field + "\":\"" + value + "\"",
                "\"" + field + "\":\"" + "i".repeat(FieldLimits.ID_BYTES) + "\"")));
    }

    @Test
    void linesThatCouldNotBeReadAreDeadLettersNamingTheFileAndLine() {
        DeadLetter corrupt = assertInstanceOf(DecodeResult.Rejected.class,
                DECODER.decode(ArchiveLine.unreadable(0, 12, "corrupt gzip: invalid block"))).deadLetter();
        assertEquals(RejectReason.CORRUPT_ARCHIVE, corrupt.reason());
        assertEquals("the file cannot be read from here on (corrupt gzip: invalid block)", corrupt.detail());
        assertEquals(new DeadLetter.FileLine("a.jsonl", 12), corrupt.source());
        DeadLetter tooLong = assertInstanceOf(DecodeResult.Rejected.class,
                DECODER.decode(ArchiveLine.tooLong(1, 3))).deadLetter();
        assertEquals(RejectReason.LINE_TOO_LONG, tooLong.reason());
        assertTrue(tooLong.detail().startsWith("longer than 64 MiB"), tooLong.detail());
        assertEquals(new DeadLetter.FileLine("sub/x.jsonl", 3), tooLong.source());
    }

    @Test
    void aFileNamedAfterARawIdOfItsEventsFailsTheRun() {
        ArchiveLineDecoder named = new ArchiveLineDecoder(JSON, List.of("export/u-1042.jsonl", "2026-11-30/d-7.jsonl.gz",
                "hour-u-10421.jsonl"));
        byte[] key = utf8(JsonEventDecoderTest.KEY);
        ArchiveInputError e = assertThrows(ArchiveInputError.class, () -> named.decode(ArchiveLine.line(0, 1, key)));
        assertTrue(e.getMessage().contains("export/u-1042.jsonl") && e.getMessage().contains("raw user id"),
                e.getMessage());
        e = assertThrows(ArchiveInputError.class, () -> named.decode(ArchiveLine.line(1, 1, key)));
        assertTrue(e.getMessage().contains("raw device id"), e.getMessage());
        assertInstanceOf(DecodeResult.Decoded.class, named.decode(ArchiveLine.line(2, 1, key)),
                "u-10421 is another id, not u-1042");
        assertFalse(ArchiveLineDecoder.holdsToken("a.jsonl", ""), "consent events have no device");
        assertTrue(ArchiveLineDecoder.holdsToken("x/d-7", "d-7"));
        assertFalse(ArchiveLineDecoder.holdsToken("x/d-77", "d-7"));
        assertFalse(ArchiveLineDecoder.holdsToken("xd-7", "d-7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "a\\udc00b", "\\ud83d\\u0041", "\\ud83d"})
    void anEscapedLoneSurrogateIsADeadLetterNotAQuestionMark(String escaped) {
        DeadLetter dl = rejected(JsonEventDecoderTest.CONTEXT.replace("Inbox - Mail", escaped));
        assertEquals(RejectReason.INVALID_VALUE, dl.reason());
        assertTrue(dl.detail().endsWith("window_title holds an unpaired UTF-16 surrogate escape"), dl.detail());
        ContextEvent pair = (ContextEvent) ok(JsonEventDecoderTest.CONTEXT.replace("Inbox - Mail", "\\ud834\\udd1e"));
        assertEquals("\uD834\uDD1E", pair.windowTitle(), "an escaped pair is one character");
    }
}
