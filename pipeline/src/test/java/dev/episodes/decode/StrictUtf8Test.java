package dev.episodes.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Agrees with the JDK's strict decoder (REPORT on malformed input) on every byte string tried. */
class StrictUtf8Test {
    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void agreesWithTheJdkOnRandomBytesBiasedToMultiByteSequences() {
        Random r = new Random(42);
        int invalid = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[1 + r.nextInt(6)];
            for (int k = 0; k < b.length; k++) {
                int pick = r.nextInt(4);
                b[k] = (byte) switch (pick) {
                    case 0 -> r.nextInt(0x80);          // ASCII
                    case 1 -> 0x80 + r.nextInt(0x40);   // continuation bytes
                    case 2 -> 0xC0 + r.nextInt(0x40);   // lead bytes, C0..FF
                    default -> new int[] {0xE0, 0xED, 0xF0, 0xF4, 0x80, 0x9F, 0xA0, 0xBF, 0x8F, 0x90}[r.nextInt(10)];
                };
            }
            boolean ours = StrictUtf8.firstInvalid(b, 0, b.length) < 0;
            assertEquals(jdkAccepts(b), ours, () -> java.util.HexFormat.of().formatHex(b));
            invalid += ours ? 0 : 1;
        }
        org.junit.jupiter.api.Assertions.assertTrue(invalid > 10_000 && invalid < 190_000, "both kinds tried: " + invalid);
    }

    @Test
    void everyCodePointEncodedByTheJdkIsValid() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            assertEquals(-1, StrictUtf8.firstInvalid(b, 0, b.length), Integer.toHexString(cp));
        }
    }

    /** Where the JDK's strict decoder stops at the first malformed sequence (its lead byte), or -1. */
    private static int jdkFirstInvalid(byte[] b, int from, int to) {
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(to - from + 1);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        return r.isError() ? in.position() : in.hasRemaining() ? in.position() : -1;
    }

    /**
     * Long records of ASCII runs (the common case, read eight bytes at a time) with bad and good multi-byte
     * sequences anywhere, also across the eight-byte words and at the ends of a window into the array: the
     * same first invalid offset as the JDK's strict decoder, and its verdict on the window.
     */
    @Test
    void eightBytesAtATimeFindsTheSameFirstInvalidByteInLongRecords() {
        Random r = new Random(7);
        byte[][] pieces = {"\u00e9".getBytes(StandardCharsets.UTF_8), "\u20ac".getBytes(StandardCharsets.UTF_8),
                "\ud83d\ude00".getBytes(StandardCharsets.UTF_8), {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xFF}};
        int invalid = 0;
        for (int round = 0; round < 50_000; round++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int parts = r.nextInt(6);
            for (int p = 0; p < parts; p++) {
                int ascii = r.nextInt(r.nextBoolean() ? 9 : 40);
                for (int k = 0; k < ascii; k++) {
                    out.write(r.nextInt(0x80));
                }
                if (r.nextInt(3) > 0) {
                    out.writeBytes(pieces[r.nextInt(r.nextInt(3) == 0 ? pieces.length : 3)]);
                }
            }
            byte[] b = out.toByteArray();
            int from = b.length == 0 ? 0 : r.nextInt(Math.min(b.length, 9));
            int to = from + r.nextInt(b.length - from + 1);
            int expected = jdkFirstInvalid(b, from, to);
            assertEquals(expected, StrictUtf8.firstInvalid(b, from, to),
                    () -> java.util.HexFormat.of().formatHex(b) + " [" + from + ", " + to + ")");
            assertEquals(jdkAccepts(java.util.Arrays.copyOfRange(b, from, to)), expected < 0);
            invalid += expected < 0 ? 0 : 1;
        }
        org.junit.jupiter.api.Assertions.assertTrue(invalid > 5_000 && invalid < 45_000, "both kinds tried: " + invalid);
    }
}
